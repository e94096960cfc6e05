package io.github.wechatquota.simulator;

import static io.github.wechatquota.simulator.WeChatHttp.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ApiQuotaTest extends SimulatorTestSupport {

    private static final String QUOTA_GET = "/cgi-bin/openapi/quota/get";

    private JsonNode quota(String cgiPath) {
        return http.call(QUOTA_GET, http.accessToken(), "{\"cgi_path\":\"" + cgiPath + "\"}");
    }

    @Test
    void getApiQuota_reportsLimitUsedAndRemain() {
        simulator.setUsed(APP_ID, CUSTOM_SEND, 1234);

        JsonNode reply = quota(CUSTOM_SEND);

        assertThat(reply.get("errcode").asInt()).isZero();
        assertThat(reply.at("/quota/daily_limit").asLong()).isEqualTo(500_000);
        assertThat(reply.at("/quota/used").asLong()).isEqualTo(1234);
        assertThat(reply.at("/quota/remain").asLong()).isEqualTo(500_000 - 1234);
        assertThat(reply.has("rate_limit")).isFalse();
    }

    @Test
    void getApiQuota_forApiWithMinuteLimit_reportsRateLimit() {
        JsonNode reply = quota("/cgi-bin/stable_token");

        assertThat(reply.at("/rate_limit/call_count").asLong()).isEqualTo(10_000);
        assertThat(reply.at("/rate_limit/refresh_second").asLong()).isEqualTo(60);
    }

    @Test
    void getApiQuota_seesCallsJustMade() {
        String token = http.accessToken();
        http.call(MENU_CREATE, token, "{}");
        http.call(MENU_CREATE, token, "{}");

        assertThat(quota(MENU_CREATE).at("/quota/used").asLong()).isEqualTo(2);
    }

    @Test
    void getApiQuota_forUnknownPath_answers76021() {
        assertThat(quota("/cgi-bin/not/an/api").get("errcode").asInt()).isEqualTo(76021);
    }

    @Test
    void getApiQuota_forSnsPath_answers76022() {
        assertThat(quota("/sns/userinfo").get("errcode").asInt()).isEqualTo(76022);
    }

    @Test
    void getApiQuota_forPathOfAnotherAccountType_answers76022() {
        assertThat(quota("/wxa/msg_sec_check").get("errcode").asInt()).isEqualTo(76022);
    }

    @Test
    void getApiQuota_withHostPrefix_answers76003() {
        assertThat(quota("https://api.weixin.qq.com/cgi-bin/menu/create").get("errcode").asInt()).isEqualTo(76003);
    }

    @Test
    void getApiQuota_withoutLeadingSlash_answers76003() {
        assertThat(quota("cgi-bin/menu/create").get("errcode").asInt()).isEqualTo(76003);
    }

    @Test
    void getApiQuota_withEmptyBody_answers44002() {
        assertThat(http.call(QUOTA_GET, http.accessToken(), "").get("errcode").asInt()).isEqualTo(44002);
    }

    @Test
    void getApiQuota_withBrokenJson_answers47001() {
        assertThat(http.call(QUOTA_GET, http.accessToken(), "{\"cgi_path\":").get("errcode").asInt())
                .isEqualTo(47001);
        assertThat(http.call(QUOTA_GET, http.accessToken(), "[1,2]").get("errcode").asInt()).isEqualTo(47001);
    }

    @Test
    void getApiQuota_byGet_answers43002() {
        assertThat(http.get(QUOTA_GET + "?access_token=" + http.accessToken()).get("errcode").asInt())
                .isEqualTo(43002);
    }

    @Test
    void getApiQuota_withoutToken_answers41001() {
        assertThat(http.post(QUOTA_GET, "{\"cgi_path\":\"/cgi-bin/menu/create\"}").get("errcode").asInt())
                .isEqualTo(41001);
    }

    @Test
    void getApiQuota_forApiWithoutDailyLimit_reportsZeroLimit() {
        JsonNode reply = quota(QUOTA_GET);

        assertThat(reply.get("errcode").asInt()).isZero();
        assertThat(reply.at("/quota/daily_limit").asLong()).isZero();
    }
}
