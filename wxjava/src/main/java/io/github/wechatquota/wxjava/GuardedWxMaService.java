package io.github.wechatquota.wxjava;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.BaseWxMaServiceImpl;
import cn.binarywang.wx.miniapp.config.WxMaConfig;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.util.http.HttpType;
import me.chanjar.weixin.common.util.http.RequestExecutor;
import me.chanjar.weixin.common.util.http.RequestHttp;

/**
 * A {@link WxMaService} whose every request is guarded: WxJava's sub-services are built by {@link BaseWxMaServiceImpl}
 * around this service and call back through {@link #execute}; accounts, tokens, HTTP client and retries stay the wrapped
 * service's. Names only what WxJava 4.6 and 4.7 both have; {@link GuardedSignedWxMaService} adds 4.7's signed requests.
 */
class GuardedWxMaService extends BaseWxMaServiceImpl<Object, Object> implements WxJavaGuarded {

    final WxMaService target;
    final WxJavaCalls calls;

    GuardedWxMaService(WxMaService target, WxJavaCalls calls) {
        this.target = Objects.requireNonNull(target, "target");
        this.calls = calls;
    }

    @Override
    public <R, T> R execute(RequestExecutor<R, T> executor, String uri, T data) throws WxErrorException {
        WxMaConfig config = target.getWxMaConfig();
        if (config == null) {
            return target.execute(executor, uri, data);
        }
        return calls.send(config.getAppid(), uri, config.getApiHostUrl(), () -> target.execute(executor, uri, data));
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
    public WxMaConfig getWxMaConfig() {
        return target.getWxMaConfig();
    }

    @Override
    public void setWxMaConfig(WxMaConfig config) {
        target.setWxMaConfig(config);
    }

    @Override
    public void setMultiConfigs(Map<String, WxMaConfig> configs) {
        target.setMultiConfigs(configs);
    }

    @Override
    public void setMultiConfigs(Map<String, WxMaConfig> configs, String defaultMiniappId) {
        target.setMultiConfigs(configs, defaultMiniappId);
    }

    @Override
    public void addConfig(String miniappId, WxMaConfig config) {
        target.addConfig(miniappId, config);
    }

    @Override
    public void removeConfig(String miniappId) {
        target.removeConfig(miniappId);
    }

    @Override
    public WxMaService switchoverTo(String miniappId) {
        target.switchoverTo(miniappId);
        return this;
    }

    @Override
    public WxMaService switchoverTo(String miniappId, Function<String, WxMaConfig> configs) {
        target.switchoverTo(miniappId, configs);
        return this;
    }

    @Override
    public boolean switchover(String miniappId) {
        return target.switchover(miniappId);
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
