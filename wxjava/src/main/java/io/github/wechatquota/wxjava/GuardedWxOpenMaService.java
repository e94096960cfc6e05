package io.github.wechatquota.wxjava;

import cn.binarywang.wx.miniapp.config.WxMaConfig;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.util.http.RequestExecutor;
import me.chanjar.weixin.open.api.WxOpenComponentService;
import me.chanjar.weixin.open.api.impl.WxOpenMaServiceImpl;

/**
 * A third-party platform's service for one authorized mini program, built as the platform's component service builds
 * it, whose every request is guarded against the authorized account's quota.
 */
final class GuardedWxOpenMaService extends WxOpenMaServiceImpl implements WxJavaGuarded {

    private final String authorizerAppId;
    private final transient WxJavaCalls calls;

    GuardedWxOpenMaService(WxOpenComponentService component, String authorizerAppId, WxMaConfig config,
            WxJavaCalls calls) {
        super(component, authorizerAppId, config);
        this.authorizerAppId = authorizerAppId;
        this.calls = calls;
    }

    /** Raw, as WxJava's mini-program HTTP client service declares it. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Object execute(RequestExecutor executor, String uri, Object data) throws WxErrorException {
        return calls.send(authorizerAppId, uri, getWxMaConfig().getApiHostUrl(),
                () -> super.execute(executor, uri, data));
    }
}
