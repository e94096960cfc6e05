package io.github.wechatquota.wxjava;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.config.WxMaConfig;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import java.util.Objects;

/**
 * WxJava's mini-program service guarded, without Spring: {@code WxMaQuota.guard(wxMaService, guard)}, as {@link
 * WxMpQuota} for official accounts.
 */
public final class WxMaQuota {

    /** Whether the mini-program SDK is 4.7 or later, with requests signed through a second {@code execute}. */
    private static final boolean SIGNED_REQUESTS =
            present("cn.binarywang.wx.miniapp.executor.ApiSignaturePostRequestExecutor");

    private WxMaQuota() {
    }

    /**
     * A service that sends every request of {@code service} within the quotas {@code guard} keeps. Accounts, tokens,
     * HTTP client and retries stay {@code service}'s; a service guarded already is returned as it is.
     */
    public static WxMaService guard(WxMaService service, QuotaGuard guard) {
        Objects.requireNonNull(service, "service");
        if (WxJavaQuota.isGuarded(service)) {
            return service;
        }
        WxJavaCalls calls = new WxJavaCalls(guard);
        return SIGNED_REQUESTS ? new GuardedSignedWxMaService(service, calls) : new GuardedWxMaService(service, calls);
    }

    /**
     * A guard builder whose own calls (getApiQuota, clear_quota) use the service's tokens and go to its configured API
     * host ({@code WxMaConfig.getApiHostUrl()}); set anything else on it before {@code build()}.
     */
    public static QuotaGuardBuilder guardBuilder(WxMaService service) {
        QuotaGuardBuilder builder = QuotaGuard.builder()
                .accessTokenProvider(WxJavaAccessTokens.builder().ma(service).build());
        WxMaConfig config = service.getWxMaConfig();
        ApiHosts.parse(config == null ? null : config.getApiHostUrl()).ifPresent(builder::apiBaseUrl);
        return builder;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, WxMaQuota.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
