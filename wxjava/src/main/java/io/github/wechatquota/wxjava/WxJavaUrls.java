package io.github.wechatquota.wxjava;

/** The cgi_path of a URL WxJava calls: the configured API host, or scheme and host, removed; the query too. */
final class WxJavaUrls {

    private WxJavaUrls() {
    }

    /**
     * @param url what WxJava passes to {@code execute}, e.g. {@code https://api.weixin.qq.com/cgi-bin/user/info?lang=zh_CN}
     * @param apiHost the service's configured API host (which may carry a path of a proxy), or null
     */
    static String cgiPath(String url, String apiHost) {
        String rest = url;
        String host = apiHost == null ? null : stripTrailingSlash(apiHost);
        if (host != null && !host.isEmpty() && url.startsWith(host)
                && (url.length() == host.length() || "/?".indexOf(url.charAt(host.length())) >= 0)) {
            rest = url.substring(host.length());
        } else {
            int scheme = url.indexOf("://");
            if (scheme >= 0) {
                int path = url.indexOf('/', scheme + 3);
                rest = path < 0 ? "/" : url.substring(path);
            }
        }
        int end = rest.length();
        int query = rest.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = rest.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return rest.substring(0, end);
    }

    private static String stripTrailingSlash(String host) {
        return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    }
}
