package io.github.wechatquota.wxjava;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.config.WxMaConfig;
import cn.binarywang.wx.miniapp.util.WxMaConfigHolder;
import java.util.concurrent.locks.Lock;
import me.chanjar.weixin.common.error.WxErrorException;

/** A {@link WxMaService}'s accounts as a source of tokens; a multi-account service is switched back after each look. */
final class MaTokenSource implements TokenSource {
    private final WxMaService service;

    MaTokenSource(WxMaService service) {
        this.service = service;
    }

    @Override
    public String token(String appId) throws WxErrorException {
        WxMaConfig config = config(appId);
        if (config == null) {
            return null;
        }
        if (!config.isAccessTokenExpired()) {
            return config.getAccessToken();
        }
        String previous = WxMaConfigHolder.get();
        try {
            return isCurrent(appId) || service.switchover(appId) ? service.getAccessToken(false) : null;
        } finally {
            WxMaConfigHolder.set(previous);
        }
    }

    @Override
    public boolean expire(String appId, String token) {
        WxMaConfig config = config(appId);
        if (config == null) {
            return false;
        }
        Lock lock = config.getAccessTokenLock();
        lock.lock();
        try {
            if (token == null || token.equals(config.getAccessToken())) {
                config.expireAccessToken();
            }
        } finally {
            lock.unlock();
        }
        return true;
    }

    private WxMaConfig config(String appId) {
        if (isCurrent(appId)) {
            return service.getWxMaConfig();
        }
        String previous = WxMaConfigHolder.get();
        try {
            return service.switchover(appId) && isCurrent(appId) ? service.getWxMaConfig() : null;
        } finally {
            WxMaConfigHolder.set(previous);
        }
    }

    @Override
    public boolean servesNow(String appId) {
        return isCurrent(appId);
    }

    private boolean isCurrent(String appId) {
        WxMaConfig current = service.getWxMaConfig();
        return current != null && appId.equals(current.getAppid());
    }

    @Override
    public String describe() {
        return "WxMaService";
    }
}
