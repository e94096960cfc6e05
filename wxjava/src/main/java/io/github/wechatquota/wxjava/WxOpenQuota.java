package io.github.wechatquota.wxjava;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import java.util.Objects;
import me.chanjar.weixin.open.api.WxOpenService;

/**
 * WxJava's third-party platform guarded, without Spring: the authorizer services its component service hands out
 * take their permits from the authorized account's quota.
 */
public final class WxOpenQuota {

    private WxOpenQuota() {
    }

    /**
     * A platform whose component service hands out guarded authorizer services: each request of {@code
     * getWxMpServiceByAppid(appid)} and {@code getWxMaServiceByAppid(appid)} takes a permit from that authorized
     * account's quota. The platform's own calls (component token, authorization) stay unguarded.
     */
    public static WxOpenService guard(WxOpenService platform, QuotaGuard guard) {
        Objects.requireNonNull(platform, "platform");
        return WxJavaQuota.isGuarded(platform) ? platform : OpenGuards.guard(platform, new WxJavaCalls(guard));
    }

    /** A guard builder whose own calls for an authorized account use its authorizer access token. */
    public static QuotaGuardBuilder guardBuilder(WxOpenService platform) {
        return QuotaGuard.builder().accessTokenProvider(WxJavaAccessTokens.builder().open(platform).build());
    }
}
