package io.github.wechatquota.wxjava;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.util.http.HttpType;
import me.chanjar.weixin.common.util.http.RequestExecutor;
import me.chanjar.weixin.common.util.http.RequestHttp;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.BaseWxMpServiceImpl;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import me.chanjar.weixin.mp.config.WxMpHostConfig;

/**
 * A {@link WxMpService} whose every request is guarded. WxJava's sub-services (user, menu, template message...) are
 * built by {@link BaseWxMpServiceImpl} around this service, so their calls come back through {@link #execute}; the
 * accounts, tokens, HTTP client and retries stay the wrapped service's.
 */
final class GuardedWxMpService extends BaseWxMpServiceImpl<Object, Object> implements WxJavaGuarded {

    private final WxMpService target;
    private final WxJavaCalls calls;

    GuardedWxMpService(WxMpService target, WxJavaCalls calls) {
        this.target = Objects.requireNonNull(target, "target");
        this.calls = calls;
    }

    @Override
    public <T, E> T execute(RequestExecutor<T, E> executor, String uri, E data) throws WxErrorException {
        WxMpConfigStorage storage = target.getWxMpConfigStorage();
        if (storage == null) {
            return target.execute(executor, uri, data);
        }
        WxMpHostConfig hosts = storage.getHostConfig();
        return calls.send(storage.getAppId(), uri, hosts == null ? null : hosts.getApiHost(),
                () -> target.execute(executor, uri, data));
    }

    @Override
    public String getAccessToken(boolean forceRefresh) throws WxErrorException {
        return target.getAccessToken(forceRefresh);
    }

    @Override
    protected String doGetAccessTokenRequest() {
        throw new UnsupportedOperationException("tokens come from the wrapped service");
    }

    @Override
    protected String doGetStableAccessTokenRequest(boolean forceRefresh) {
        throw new UnsupportedOperationException("tokens come from the wrapped service");
    }

    @Override
    public WxMpConfigStorage getWxMpConfigStorage() {
        return target.getWxMpConfigStorage();
    }

    @Override
    public void setWxMpConfigStorage(WxMpConfigStorage storage) {
        target.setWxMpConfigStorage(storage);
    }

    @Override
    public void setMultiConfigStorages(Map<String, WxMpConfigStorage> storages) {
        target.setMultiConfigStorages(storages);
    }

    @Override
    public void setMultiConfigStorages(Map<String, WxMpConfigStorage> storages, String defaultMpId) {
        target.setMultiConfigStorages(storages, defaultMpId);
    }

    @Override
    public void addConfigStorage(String mpId, WxMpConfigStorage storage) {
        target.addConfigStorage(mpId, storage);
    }

    @Override
    public void removeConfigStorage(String mpId) {
        target.removeConfigStorage(mpId);
    }

    @Override
    public WxMpService switchoverTo(String mpId) {
        target.switchoverTo(mpId);
        return this;
    }

    @Override
    public WxMpService switchoverTo(String mpId, Function<String, WxMpConfigStorage> storages) {
        target.switchoverTo(mpId, storages);
        return this;
    }

    @Override
    public boolean switchover(String mpId) {
        return target.switchover(mpId);
    }

    @Override
    public boolean switchover(String mpId, Function<String, WxMpConfigStorage> storages) {
        return target.switchover(mpId, storages);
    }

    @Override
    public Function<String, WxMpConfigStorage> getConfigStorageFunction() {
        return target instanceof BaseWxMpServiceImpl<?, ?> base ? base.getConfigStorageFunction() : null;
    }

    @Override
    public void setConfigStorageFunction(Function<String, WxMpConfigStorage> storages) {
        if (target instanceof BaseWxMpServiceImpl<?, ?> base) {
            base.setConfigStorageFunction(storages);
        }
    }

    @Override
    public void setRetrySleepMillis(int retrySleepMillis) {
        target.setRetrySleepMillis(retrySleepMillis);
    }

    @Override
    public void setMaxRetryTimes(int maxRetryTimes) {
        target.setMaxRetryTimes(maxRetryTimes);
    }

    @Override
    public void initHttp() {
        target.initHttp();
    }

    @Override
    public Object getRequestHttpClient() {
        return http().getRequestHttpClient();
    }

    @Override
    public Object getRequestHttpProxy() {
        return http().getRequestHttpProxy();
    }

    @Override
    public HttpType getRequestType() {
        return http().getRequestType();
    }

    private RequestHttp<?, ?> http() {
        return target.getRequestHttp();
    }
}
