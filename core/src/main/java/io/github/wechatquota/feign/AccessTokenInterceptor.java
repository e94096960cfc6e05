package io.github.wechatquota.feign;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.github.wechatquota.token.AccessTokenProvider;
import java.util.Objects;

/**
 * Adds {@code access_token} to every request of a Feign client for one account, from an {@link AccessTokenProvider}
 * (the guard's, {@code guard.accessTokens()}, so that a token WeChat rejects is refreshed before the retry).
 */
public final class AccessTokenInterceptor implements RequestInterceptor {

    private final AccessTokenProvider tokens;
    private final String appId;

    public AccessTokenInterceptor(AccessTokenProvider tokens, String appId) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.appId = Objects.requireNonNull(appId, "appId");
    }

    @Override
    public void apply(RequestTemplate template) {
        template.query("access_token", tokens.getAccessToken(appId));
    }

    @Override
    public String toString() {
        return "AccessTokenInterceptor[appId=" + appId + "]";
    }
}
