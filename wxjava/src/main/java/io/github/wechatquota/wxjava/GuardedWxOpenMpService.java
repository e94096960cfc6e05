package io.github.wechatquota.wxjava;

import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.util.http.RequestExecutor;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.open.api.WxOpenComponentService;
import me.chanjar.weixin.open.api.impl.WxOpenMpServiceImpl;

/**
 * A third-party platform's service for one authorized official account, built as the platform's component service
 * builds it, whose every request is guarded against the authorized account's quota.
 */
final class GuardedWxOpenMpService extends WxOpenMpServiceImpl implements WxJavaGuarded {

    private final String authorizerAppId;
    private final transient WxJavaCalls calls;

    GuardedWxOpenMpService(WxOpenComponentService component, String authorizerAppId, WxMpConfigStorage storage,
            WxJavaCalls calls) {
        super(component, authorizerAppId, storage);
        this.authorizerAppId = authorizerAppId;
        this.calls = calls;
    }

    @Override
    public <T, E> T execute(RequestExecutor<T, E> executor, String uri, E data) throws WxErrorException {
        WxMpHostConfig hosts = getWxMpConfigStorage().getHostConfig();
        return calls.send(authorizerAppId, uri, hosts == null ? null : hosts.getApiHost(),
                () -> super.execute(executor, uri, data));
    }
}
