package io.github.wechatquota.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings and arguments are checked before anything goes on the wire. */
class WeChatAdminClientBuilderTest {

    private final WeChatAdminClient client = WeChatAdminClient.builder().build();

    @Test
    void build_byDefault_targetsWeChat() {
        assertThat(client.baseUrl()).isEqualTo(URI.create("https://api.weixin.qq.com"));
        assertThat(client).hasToString(
                "WeChatAdminClient[baseUrl=https://api.weixin.qq.com, connectTimeout=PT2S, readTimeout=PT5S]");
    }

    @Test
    void baseUrl_withTrailingSlash_dropsIt() {
        assertThat(WeChatAdminClient.builder().baseUrl(URI.create("http://127.0.0.1:8080/wechat/")).build().baseUrl())
                .isEqualTo(URI.create("http://127.0.0.1:8080/wechat"));
    }

    @Test
    void baseUrl_relative_throwsNamingIt() {
        assertThatThrownBy(() -> WeChatAdminClient.builder().baseUrl(URI.create("api.weixin.qq.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must be an absolute http or https URL with a host, was api.weixin.qq.com");
    }

    @Test
    void baseUrl_withQuery_throws() {
        assertThatThrownBy(() -> WeChatAdminClient.builder().baseUrl(URI.create("https://h/?access_token=x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("baseUrl must have no query or fragment");
    }

    @Test
    void baseUrl_withUserInfo_throwsWithoutEchoingIt() {
        assertThatThrownBy(() -> WeChatAdminClient.builder().baseUrl(URI.create("https://user:pw@h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must have no user info");
    }

    @Test
    void readTimeout_zero_throwsNamingIt() {
        assertThatThrownBy(() -> WeChatAdminClient.builder().readTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readTimeout must be between 1ms and 2147483647ms, was PT0S");
    }

    @Test
    void connectTimeout_null_throwsNamingIt() {
        assertThatThrownBy(() -> WeChatAdminClient.builder().connectTimeout(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("connectTimeout must not be null");
    }

    @Test
    void getApiQuota_withBlankToken_throwsNamingAccessToken() {
        assertThatThrownBy(() -> client.getApiQuota(" ", "/cgi-bin/menu/create"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accessToken must not be blank");
    }

    @Test
    void getApiQuota_withNullCgiPath_throwsNamingCgiPath() {
        assertThatThrownBy(() -> client.getApiQuota("token", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("cgiPath must not be null");
    }

    @Test
    void clearQuota_withEmptyAppId_throwsNamingAppId() {
        assertThatThrownBy(() -> client.clearQuota("token", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("appId must not be blank");
    }

    @Test
    void clearQuotaWithSecret_withNullSecret_throwsNamingAppSecret() {
        assertThatThrownBy(() -> client.clearQuotaWithSecret("wx0123456789abcdef", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("appSecret must not be null");
    }

    @Test
    void getStableToken_withBlankSecret_throwsNamingSecret() {
        assertThatThrownBy(() -> client.getStableToken("wx0123456789abcdef", "\t", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret must not be blank");
    }

    @Test
    void format_showsTimeoutsAsPeopleWriteThem() {
        assertThat(WeChatAdminClient.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(WeChatAdminClient.format(Duration.ofMillis(300))).isEqualTo("300ms");
    }
}
