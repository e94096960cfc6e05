package io.github.wechatquota.wxjava;

import java.util.concurrent.locks.Lock;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import me.chanjar.weixin.mp.util.WxMpConfigStorageHolder;

/** A {@link WxMpService}'s accounts as a source of tokens; a multi-account service is switched back after each look. */
final class MpTokenSource implements TokenSource {
    private final WxMpService service;

    MpTokenSource(WxMpService service) {
        this.service = service;
    }

    @Override
    public String token(String appId) throws WxErrorException {
        WxMpConfigStorage storage = storage(appId);
        if (storage == null) {
            return null;
        }
        if (!storage.isAccessTokenExpired()) {
            return storage.getAccessToken();
        }
        String previous = WxMpConfigStorageHolder.get();
        try {
            return isCurrent(appId) || service.switchover(appId) ? service.getAccessToken(false) : null;
        } finally {
            WxMpConfigStorageHolder.set(previous);
        }
    }

    @Override
    public boolean expire(String appId, String token) {
        WxMpConfigStorage storage = storage(appId);
        if (storage == null) {
            return false;
        }
        Lock lock = storage.getAccessTokenLock();
        lock.lock();
        try {
            if (token == null || token.equals(storage.getAccessToken())) {
                storage.expireAccessToken();
            }
        } finally {
            lock.unlock();
        }
        return true;
    }

    private WxMpConfigStorage storage(String appId) {
        if (isCurrent(appId)) {
            return service.getWxMpConfigStorage();
        }
        String previous = WxMpConfigStorageHolder.get();
        try {
            return service.switchover(appId) && isCurrent(appId) ? service.getWxMpConfigStorage() : null;
        } finally {
            WxMpConfigStorageHolder.set(previous);
        }
    }

    @Override
    public boolean servesNow(String appId) {
        return isCurrent(appId);
    }

    private boolean isCurrent(String appId) {
        WxMpConfigStorage current = service.getWxMpConfigStorage();
        return current != null && appId.equals(current.getAppId());
    }

    @Override
    public String describe() {
        return "WxMpService";
    }
}
