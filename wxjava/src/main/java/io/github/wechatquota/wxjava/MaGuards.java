package io.github.wechatquota.wxjava;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.config.WxMaConfig;
import java.net.URI;
import java.util.Optional;

/** What needs weixin-java-miniapp, apart so that an application with only the official-account SDK never loads it. */
final class MaGuards {

    private MaGuards() {
    }

    static WxMaService guard(WxMaService service, WxJavaCalls calls) {
        return new GuardedWxMaService(service, calls);
    }

    static Optional<URI> apiHost(WxMaService service) {
        WxMaConfig config = service.getWxMaConfig();
        return ApiHosts.parse(config == null ? null : config.getApiHostUrl());
    }
}
