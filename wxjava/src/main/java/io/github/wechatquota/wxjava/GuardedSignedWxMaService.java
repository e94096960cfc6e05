package io.github.wechatquota.wxjava;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaApiResponse;
import cn.binarywang.wx.miniapp.config.WxMaConfig;
import cn.binarywang.wx.miniapp.executor.ApiSignaturePostRequestExecutor;
import java.util.Map;
import me.chanjar.weixin.common.error.WxErrorException;

/**
 * {@link GuardedWxMaService} for WxJava 4.7 and later, whose mini-program service sends requests with an API signature
 * through a second {@code execute}: guarded the same way. A class apart, so that 4.6 (without those types) never loads
 * it.
 */
final class GuardedSignedWxMaService extends GuardedWxMaService {

    GuardedSignedWxMaService(WxMaService target, WxJavaCalls calls) {
        super(target, calls);
    }

    @Override
    public WxMaApiResponse execute(ApiSignaturePostRequestExecutor executor, String uri, Map<String, String> headers,
            String data) throws WxErrorException {
        WxMaConfig config = target.getWxMaConfig();
        if (config == null) {
            return target.execute(executor, uri, headers, data);
        }
        return calls.send(config.getAppid(), uri, config.getApiHostUrl(),
                () -> target.execute(executor, uri, headers, data));
    }
}
