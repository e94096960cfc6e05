package io.github.wechatquota.wxjava;

import cn.binarywang.wx.miniapp.api.WxMaService;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.open.api.WxOpenService;

/**
 * WxJava's services guarded, without Spring:
 *
 * <pre>{@code
 * QuotaGuard guard = WxJavaQuota.guardBuilder(wxMpService).build();   // WxJava's tokens, WxJava's API host
 * WxMpService guarded = WxJavaQuota.guard(wxMpService, guard);       // use it wherever wxMpService was used
 * guarded.getUserService().userInfo(openid);                         // takes one from /cgi-bin/user/info's quota
 * }</pre>
 *
 * <p>Every request the guarded service (and each of its sub-services) sends takes a permit from the quota of (the
 * account its configuration storage names at that moment, the request's cgi_path). Past the quota it throws WxJava's
 * own {@code WxErrorException} with errcode 45009, the {@code QuotaExhaustedException} as its cause, and WeChat is not
 * called.
 */
public final class WxJavaQuota {

    private WxJavaQuota() {
    }

    /**
     * A service that sends every request of {@code service} within the quotas {@code guard} keeps. Accounts, tokens,
     * HTTP client and retries stay {@code service}'s; a service guarded already is returned as it is.
     */
    public static WxMpService guard(WxMpService service, QuotaGuard guard) {
        Objects.requireNonNull(service, "service");
        return isGuarded(service) ? service : MpGuards.guard(service, new WxJavaCalls(guard));
    }

    /** {@link #guard(WxMpService, QuotaGuard)} for mini programs. */
    public static WxMaService guard(WxMaService service, QuotaGuard guard) {
        Objects.requireNonNull(service, "service");
        return isGuarded(service) ? service : MaGuards.guard(service, new WxJavaCalls(guard));
    }

    /**
     * A third-party platform whose component service hands out guarded authorizer services: each request of {@code
     * getWxMpServiceByAppid(appid)} and {@code getWxMaServiceByAppid(appid)} takes a permit from that authorized
     * account's quota. The platform's own calls (component token, authorization) stay unguarded.
     */
    public static WxOpenService guard(WxOpenService platform, QuotaGuard guard) {
        Objects.requireNonNull(platform, "platform");
        return isGuarded(platform) ? platform : OpenGuards.guard(platform, new WxJavaCalls(guard));
    }

    /**
     * A guard builder whose own calls (getApiQuota, clear_quota) use the service's tokens and go to its configured API
     * host ({@code WxMpHostConfig}); set anything else on it before {@code build()}.
     */
    public static QuotaGuardBuilder guardBuilder(WxMpService service) {
        QuotaGuardBuilder builder = QuotaGuard.builder()
                .accessTokenProvider(WxJavaAccessTokens.builder().mp(service).build());
        MpGuards.apiHost(service).ifPresent(builder::apiBaseUrl);
        return builder;
    }

    /** {@link #guardBuilder(WxMpService)} for mini programs ({@code WxMaConfig.getApiHostUrl()}). */
    public static QuotaGuardBuilder guardBuilder(WxMaService service) {
        QuotaGuardBuilder builder = QuotaGuard.builder()
                .accessTokenProvider(WxJavaAccessTokens.builder().ma(service).build());
        MaGuards.apiHost(service).ifPresent(builder::apiBaseUrl);
        return builder;
    }

    /** {@link #guardBuilder(WxMpService)} for a third-party platform: authorizer tokens for authorized accounts. */
    public static QuotaGuardBuilder guardBuilder(WxOpenService platform) {
        return QuotaGuard.builder().accessTokenProvider(WxJavaAccessTokens.builder().open(platform).build());
    }

    /** The API host a WxMpService is configured with ({@code WxMpHostConfig.apiHost}), when one is set. */
    public static Optional<URI> apiHost(WxMpService service) {
        return MpGuards.apiHost(service);
    }

    /** Whether {@code service} is one this module guards. */
    public static boolean isGuarded(Object service) {
        return service instanceof WxJavaGuarded;
    }
}
