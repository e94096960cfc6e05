package io.github.wechatquota.wechat;

/**
 * A short-window limit WeChat reports for an API, e.g. {@code stable_token}: 10000 calls per 60 seconds.
 *
 * @param callCount the calls allowed per window
 * @param refreshSeconds the window's length in seconds (WeChat's {@code refresh_second})
 */
public record RateLimit(long callCount, long refreshSeconds) {
}
