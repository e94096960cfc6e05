package io.github.wechatquota.wxjava;

/**
 * WxJava's services guarded: {@link WxMpQuota} (official accounts), {@link WxMaQuota} (mini programs) and {@link
 * WxOpenQuota} (third-party platforms) wrap a service without Spring; {@link WxJavaAccessTokens} gives the guard
 * WxJava's tokens. With Spring Boot and wechat-quota's starter, the services' beans are wrapped with no code.
 */
public final class WxJavaQuota {

    private WxJavaQuota() {
    }

    /** Whether {@code service} is one this module guards. */
    public static boolean isGuarded(Object service) {
        return service instanceof WxJavaGuarded;
    }
}
