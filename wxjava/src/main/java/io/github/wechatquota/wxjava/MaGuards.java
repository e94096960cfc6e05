package io.github.wechatquota.wxjava;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.config.WxMaConfig;
import java.net.URI;
import java.util.Optional;

/** What needs weixin-java-miniapp, apart so that an application with only the official-account SDK never loads it. */
final class MaGuards {

    /** Whether the mini-program SDK is 4.7 or later, with signed requests. */
    private static final boolean SIGNED_REQUESTS =
            present("cn.binarywang.wx.miniapp.executor.ApiSignaturePostRequestExecutor");

    private MaGuards() {
    }

    static WxMaService guard(WxMaService service, WxJavaCalls calls) {
        return SIGNED_REQUESTS ? new GuardedSignedWxMaService(service, calls) : new GuardedWxMaService(service, calls);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, MaGuards.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static Optional<URI> apiHost(WxMaService service) {
        WxMaConfig config = service.getWxMaConfig();
        return ApiHosts.parse(config == null ? null : config.getApiHostUrl());
    }
}
