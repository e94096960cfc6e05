package io.github.wechatquota.wxjava;

import java.net.URI;
import java.util.Optional;

/** WxJava's API host setting as the guard's base URL. */
final class ApiHosts {

    private ApiHosts() {
    }

    /**
     * @throws IllegalArgumentException naming the value when it is set but not an absolute URL
     */
    static Optional<URI> parse(String apiHost) {
        if (apiHost == null || apiHost.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(apiHost.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("WxJava's API host '" + apiHost + "' is not a URL: use one such as "
                    + "https://api.weixin.qq.com", e);
        }
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("WxJava's API host '" + apiHost + "' is not an absolute URL: use one "
                    + "such as https://api.weixin.qq.com");
        }
        return Optional.of(uri);
    }
}
