package io.github.wechatquota.engine;

import io.github.wechatquota.WeChatApiException;
import io.github.wechatquota.token.AccessTokenProvider;
import io.github.wechatquota.wechat.Errcodes;
import java.util.function.Function;

/** Admin calls that need a token: a rejected token (40001, 40014, 42001) is invalidated and the call made once more. */
final class TokenCalls {

    private final AccessTokenProvider tokens;

    TokenCalls(AccessTokenProvider tokens) {
        this.tokens = tokens;
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
