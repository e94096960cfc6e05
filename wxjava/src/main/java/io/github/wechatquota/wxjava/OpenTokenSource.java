package io.github.wechatquota.wxjava;

import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.open.api.WxOpenConfigStorage;
import me.chanjar.weixin.open.api.WxOpenService;

/** A third-party platform's authorized accounts as a source of tokens: their authorizer access tokens. */
final class OpenTokenSource implements TokenSource {

    private final WxOpenService platform;

    OpenTokenSource(WxOpenService platform) {
        this.platform = platform;
    }

    @Override
    public String token(String appId) throws WxErrorException {
        if (!authorized(appId)) {
            return null;
        }
        return platform.getWxOpenComponentService().getAuthorizerAccessToken(appId, false);
    }

    @Override
    public boolean expire(String appId, String token) {
        if (!authorized(appId)) {
            return false;
        }
        WxOpenConfigStorage storage = platform.getWxOpenConfigStorage();
        if (token == null || token.equals(storage.getAuthorizerAccessToken(appId))) {
            storage.expireAuthorizerAccessToken(appId);
        }
        return true;
    }

    @Override
    public boolean servesNow(String appId) {
        return authorized(appId);
    }

    private boolean authorized(String appId) {
        WxOpenConfigStorage storage = platform.getWxOpenConfigStorage();
        return storage != null
                && (storage.getAuthorizerRefreshToken(appId) != null || storage.getAuthorizerAccessToken(appId) != null);
    }

    @Override
    public String describe() {
        return "WxOpenService (authorizer)";
    }
}
