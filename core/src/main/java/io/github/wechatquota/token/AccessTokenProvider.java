package io.github.wechatquota.token;

/**
 * Supplies access tokens for the WeChat admin calls wechat-quota makes itself (getApiQuota, clear_quota). The built-in
 * one uses {@code stable_token} with the configured secret; an application that already manages tokens (WxJava, a
 * token service, a third-party platform's authorizer tokens) provides its own.
 */
public interface AccessTokenProvider {

    /** A valid access token for the account. Implementations cache; this is called before every admin call. */
    String getAccessToken(String appId);

    /**
     * WeChat rejected {@code token} as invalid or expired (40001, 40014, 42001): forget it, so that the next
     * {@link #getAccessToken} fetches a fresh one. {@code token} is {@code null} when the rejected token is not known.
     */
    default void invalidate(String appId, String token) {
    }
}
