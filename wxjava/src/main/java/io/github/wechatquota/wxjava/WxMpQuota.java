package io.github.wechatquota.wxjava;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import me.chanjar.weixin.mp.config.WxMpHostConfig;

/**
 * WxJava's official-account service guarded, without Spring:
 *
 * <pre>{@code
 * QuotaGuard guard = WxMpQuota.guardBuilder(wxMpService).build();   // WxJava's tokens, WxJava's API host
 * WxMpService guarded = WxMpQuota.guard(wxMpService, guard);       // use it wherever wxMpService was used
 * guarded.getUserService().userInfo(openid);                       // takes one from /cgi-bin/user/info's quota
 * }</pre>
 *
 * <p>Every request the guarded service (and each of its sub-services) sends takes a permit from the quota of (the
 * account its configuration storage names at that moment, the request's cgi_path). Past the quota it throws WxJava's
 * own {@code WxErrorException} with errcode 45009, the {@code QuotaExhaustedException} as its cause, and WeChat is not
 * called. A class of its own (as {@link WxMaQuota} and {@link WxOpenQuota}), so that an application compiles with
 * only the SDKs it has.
 */
public final class WxMpQuota {

    private WxMpQuota() {
    }

    /**
     * A service that sends every request of {@code service} within the quotas {@code guard} keeps. Accounts, tokens,
     * HTTP client and retries stay {@code service}'s; a service guarded already is returned as it is.
     */
    public static WxMpService guard(WxMpService service, QuotaGuard guard) {
        Objects.requireNonNull(service, "service");
        return WxJavaQuota.isGuarded(service) ? service : new GuardedWxMpService(service, new WxJavaCalls(guard));
    }

    /**
     * A guard builder whose own calls (getApiQuota, clear_quota) use the service's tokens and go to its configured API
     * host ({@code WxMpHostConfig}); set anything else on it before {@code build()}.
     */
    public static QuotaGuardBuilder guardBuilder(WxMpService service) {
        QuotaGuardBuilder builder = QuotaGuard.builder()
                .accessTokenProvider(WxJavaAccessTokens.builder().mp(service).build());
        apiHost(service).ifPresent(builder::apiBaseUrl);
        return builder;
    }

    /** The API host the service is configured with ({@code WxMpHostConfig.apiHost}), when one is set. */
    public static Optional<URI> apiHost(WxMpService service) {
        WxMpConfigStorage storage = service.getWxMpConfigStorage();
        WxMpHostConfig hosts = storage == null ? null : storage.getHostConfig();
        return ApiHosts.parse(hosts == null ? null : hosts.getApiHost());
    }
}
