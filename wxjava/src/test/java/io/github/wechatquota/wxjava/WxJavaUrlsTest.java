package io.github.wechatquota.wxjava;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WxJavaUrlsTest {

    @Test
    void schemeHostAndQueryAreRemoved() {
        assertThat(WxJavaUrls.cgiPath("https://api.weixin.qq.com/cgi-bin/user/info?openid=o1&lang=zh_CN", null))
                .isEqualTo("/cgi-bin/user/info");
    }

    @Test
    void aConfiguredApiHostWithAPathOfAProxyIsRemovedWhole() {
        assertThat(WxJavaUrls.cgiPath("https://proxy.example.com/wechat/cgi-bin/menu/create",
                "https://proxy.example.com/wechat/")).isEqualTo("/cgi-bin/menu/create");
    }

    @Test
    void aUrlOnAnotherHostThanTheConfiguredOneLosesItsOwnHost() {
        assertThat(WxJavaUrls.cgiPath("http://127.0.0.1:8080/wxa/msg_sec_check#x", "https://proxy.example.com/wechat"))
                .isEqualTo("/wxa/msg_sec_check");
    }

    @Test
    void aHostThatOnlyStartsLikeTheConfiguredOneIsNotCut() {
        assertThat(WxJavaUrls.cgiPath("https://proxy.example.com/wechat2/cgi-bin/menu/create",
                "https://proxy.example.com/wechat")).isEqualTo("/wechat2/cgi-bin/menu/create");
    }
}
