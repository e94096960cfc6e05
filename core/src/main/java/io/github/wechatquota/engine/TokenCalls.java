package io.github.wechatquota.engine;

import io.github.wechatquota.WeChatApiException;
import io.github.wechatquota.token.AccessTokenProvider;
import io.github.wechatquota.wechat.Errcodes;
import java.util.function.Function;
import java.util.function.Predicate;

/** Admin calls that need a token: a rejected token (40001, 40014, 42001) is invalidated and the call made once more. */
final class TokenCalls {

    private final AccessTokenProvider tokens;
    private final Predicate<String> hasSource;

    /** Calls with the application's provider, which may have a token for any appid. */
    TokenCalls(AccessTokenProvider tokens) {
        this(tokens, appId -> true);
    }

    /**
     * @param hasSource whether {@code tokens} can have a token for an appid at all (the built-in provider only for
     *     accounts with a secret)
     */
    TokenCalls(AccessTokenProvider tokens, Predicate<String> hasSource) {
        this.tokens = tokens;
        this.hasSource = hasSource;
    }

    /**
     * Whether a token for {@code appId} can be had: false for an account without a secret under the built-in provider
     * (a platform's authorized account, say), whose quotas are then not asked of WeChat.
     */
    boolean hasSource(String appId) {
        return hasSource.test(appId);
    }

    <T> T withToken(String appId, Function<String, T> call) {
        String token = tokens.getAccessToken(appId);
        try {
            return call.apply(token);
        } catch (WeChatApiException e) {
            if (!Errcodes.isTokenRejected(e.getErrcode())) {
                throw e;
            }
            tokens.invalidate(appId, token);
            return call.apply(tokens.getAccessToken(appId));
        }
    }

    AccessTokenProvider provider() {
        return tokens;
    }
}
