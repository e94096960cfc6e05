package io.github.wechatquota.wxjava.spring;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.wxjava.WxJavaAccessTokens;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/** The WxJava SDKs the application has, each touched only when present. */
final class WxJavaBeans {

    static final boolean MP = present("me.chanjar.weixin.mp.api.WxMpService");
    static final boolean MA = present("cn.binarywang.wx.miniapp.api.WxMaService");
    static final boolean OPEN = present("me.chanjar.weixin.open.api.WxOpenService");

    private WxJavaBeans() {
    }

    static Object guard(Object bean, QuotaGuard guard) {
        if (MP && MpBeans.is(bean)) {
            return MpBeans.guard(bean, guard);
        }
        if (MA && MaBeans.is(bean)) {
            return MaBeans.guard(bean, guard);
        }
        if (OPEN && OpenBeans.is(bean)) {
            return OpenBeans.guard(bean, guard);
        }
        return bean;
    }

    static boolean isService(Object bean) {
        return (MP && MpBeans.is(bean)) || (MA && MaBeans.is(bean)) || (OPEN && OpenBeans.is(bean));
    }

    static void addServices(WxJavaAccessTokens.Builder builder, ListableBeanFactory beans) {
        if (MP) {
            MpBeans.addServices(builder, beans);
        }
        if (MA) {
            MaBeans.addServices(builder, beans);
        }
        if (OPEN) {
            OpenBeans.addServices(builder, beans);
        }
    }

    /** The accounts the WxJava beans serve now (their current configuration). */
    static Set<String> appIds(ListableBeanFactory beans) {
        Set<String> appIds = new LinkedHashSet<>();
        if (MP) {
            appIds.addAll(MpBeans.appIds(beans));
        }
        if (MA) {
            appIds.addAll(MaBeans.appIds(beans));
        }
        return appIds;
    }

    private static boolean present(String className) {
        return ClassUtils.isPresent(className, WxJavaBeans.class.getClassLoader());
    }
}
