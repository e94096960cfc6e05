package io.github.wechatquota.wxjava;

import java.net.URI;
import java.util.Optional;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import me.chanjar.weixin.mp.config.WxMpHostConfig;

/** What needs weixin-java-mp, apart so that an application with only the mini-program SDK never loads it. */
final class MpGuards {

    private MpGuards() {
    }

    static WxMpService guard(WxMpService service, WxJavaCalls calls) {
        return new GuardedWxMpService(service, calls);
    }

    static Optional<URI> apiHost(WxMpService service) {
        WxMpConfigStorage storage = service.getWxMpConfigStorage();
        WxMpHostConfig hosts = storage == null ? null : storage.getHostConfig();
        return ApiHosts.parse(hosts == null ? null : hosts.getApiHost());
    }
}
