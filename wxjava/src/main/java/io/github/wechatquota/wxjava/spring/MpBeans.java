package io.github.wechatquota.wxjava.spring;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.wxjava.WxJavaAccessTokens;
import io.github.wechatquota.wxjava.WxMpQuota;
import java.util.List;
import java.util.Objects;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import org.springframework.beans.factory.ListableBeanFactory;

/** The official-account SDK's beans; loaded only when weixin-java-mp is present. */
final class MpBeans {

    private MpBeans() {
    }

    static boolean is(Object bean) {
        return bean instanceof WxMpService;
    }

    static Object guard(Object bean, QuotaGuard guard) {
        return WxMpQuota.guard((WxMpService) bean, guard);
    }

    static void addServices(WxJavaAccessTokens.Builder builder, ListableBeanFactory beans) {
        builder.mpServices(() -> beans.getBeanProvider(WxMpService.class).orderedStream().toList());
    }

    static List<String> appIds(ListableBeanFactory beans) {
        return beans.getBeanProvider(WxMpService.class).orderedStream()
                .map(WxMpService::getWxMpConfigStorage)
                .filter(Objects::nonNull)
                .map(WxMpConfigStorage::getAppId)
                .filter(Objects::nonNull)
                .toList();
    }
}
