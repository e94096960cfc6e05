package io.github.wechatquota.wxjava.spring;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.config.WxMaConfig;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.wxjava.WxJavaAccessTokens;
import io.github.wechatquota.wxjava.WxMaQuota;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ListableBeanFactory;

/** The mini-program SDK's beans; loaded only when weixin-java-miniapp is present. */
final class MaBeans {

    private MaBeans() {
    }

    static boolean is(Object bean) {
        return bean instanceof WxMaService;
    }

    static Object guard(Object bean, QuotaGuard guard) {
        return WxMaQuota.guard((WxMaService) bean, guard);
    }

    static void addServices(WxJavaAccessTokens.Builder builder, ListableBeanFactory beans) {
        builder.maServices(() -> beans.getBeanProvider(WxMaService.class).orderedStream().toList());
    }

    static List<String> appIds(ListableBeanFactory beans) {
        return beans.getBeanProvider(WxMaService.class).orderedStream()
                .map(WxMaService::getWxMaConfig)
                .filter(Objects::nonNull)
                .map(WxMaConfig::getAppid)
                .filter(Objects::nonNull)
                .toList();
    }
}
