package io.github.wechatquota.engine;

import io.github.wechatquota.WeChatQuotaException;
import io.github.wechatquota.token.AccessTokenProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wraps a user's {@link AccessTokenProvider} so that its failures arrive as one kind of exception and never break calls. */
final class SafeTokenProvider implements AccessTokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SafeTokenProvider.class);

    private final AccessTokenProvider delegate;

    SafeTokenProvider(AccessTokenProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public String getAccessToken(String appId) {
        String token;
        try {
            token = delegate.getAccessToken(appId);
        } catch (WeChatQuotaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WeChatQuotaException("AccessTokenProvider " + delegate.getClass().getName()
                    + " failed for appid " + appId + " (" + e.getClass().getSimpleName() + ")", e);
        }
        if (token == null || token.isBlank()) {
            throw new WeChatQuotaException("AccessTokenProvider " + delegate.getClass().getName()
                    + " returned no token for appid " + appId);
        }
        return token;
    }

    @Override
    public void invalidate(String appId, String token) {
        try {
            delegate.invalidate(appId, token);
        } catch (RuntimeException e) {
            LOG.warn("AccessTokenProvider {} failed to invalidate the token of appid {} ({})",
                    delegate.getClass().getName(), appId, e.getClass().getSimpleName());
        }
    }
}
