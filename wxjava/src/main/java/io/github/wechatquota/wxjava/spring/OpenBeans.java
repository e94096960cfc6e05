package io.github.wechatquota.wxjava.spring;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.wxjava.WxJavaAccessTokens;
import io.github.wechatquota.wxjava.WxOpenQuota;
import me.chanjar.weixin.open.api.WxOpenService;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The third-party platform SDK's beans; loaded only when weixin-java-open is present. A {@code WxOpenService} bean is
 * replaced by one of the same interface whose authorizer services are guarded.
 */
final class OpenBeans {

    private OpenBeans() {
    }

    static boolean is(Object bean) {
        return bean instanceof WxOpenService;
    }

    static Object guard(Object bean, QuotaGuard guard) {
        return WxOpenQuota.guard((WxOpenService) bean, guard);
    }

    static void addServices(WxJavaAccessTokens.Builder builder, ListableBeanFactory beans) {
        builder.openServices(() -> beans.getBeanProvider(WxOpenService.class).orderedStream().toList());
    }
}
