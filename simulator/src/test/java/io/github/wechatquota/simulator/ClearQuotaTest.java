package io.github.wechatquota.simulator;

import static io.github.wechatquota.simulator.WeChatHttp.APP_ID;
import static io.github.wechatquota.simulator.WeChatHttp.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ClearQuotaTest extends SimulatorTestSupport {

    private JsonNode clear(String token) {
        return http.call("/cgi-bin/clear_quota", token, "{\"appid\":\"" + APP_ID + "\"}");
    }

    private JsonNode clearV2(String secret) {
        return http.post("/cgi-bin/clear_quota/v2?appid=" + APP_ID + "&appsecret=" + secret, "");
    }

    @Test
    void clearQuota_resetsEveryDailyCounterOfTheAccount() {
        simulator.setUsed(APP_ID, MENU_CREATE, 1000);
        simulator.setUsed(APP_ID, CUSTOM_SEND, 77);

        assertThat(clear(http.accessToken()).get("errcode").asInt()).isZero();

        assertThat(simulator.quota(APP_ID, MENU_CREATE).used()).isZero();
        assertThat(simulator.quota(APP_ID, CUSTOM_SEND).used()).isZero();
        assertThat(simulator.clearsUsedThisMonth(APP_ID)).isEqualTo(1);
    }

    @Test
    void clearQuota_pastTenThisMonth_answers48006() {
        String token = http.accessToken();
        for (int i = 0; i < 10; i++) {
            assertThat(clear(token).get("errcode").asInt()).isZero();
        }

        assertThat(clear(token).get("errcode").asInt()).isEqualTo(48006);
        assertThat(simulator.clearsUsedThisMonth(APP_ID)).isEqualTo(10);
    }

    @Test
    void clearBudget_countsClearsMadeInTheConsole() {
        simulator.setClearsUsedThisMonth(APP_ID, 10);

        assertThat(clear(http.accessToken()).get("errcode").asInt()).isEqualTo(48006);
    }

    @Test
    void clearBudget_atTheNextMonthInChina_isWholeAgain() {
        clock.set(ZonedDateTime.of(2026, 11, 30, 23, 0, 0, 0, CHINA).toInstant());
        simulator.setClearsUsedThisMonth(APP_ID, 10);
        String token = http.accessToken();
        assertThat(clear(token).get("errcode").asInt()).isEqualTo(48006);

        clock.set(ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, CHINA).toInstant());

        assertThat(clear(token).get("errcode").asInt()).isZero();
        assertThat(simulator.clearsUsedThisMonth(APP_ID)).isEqualTo(1);
    }

    @Test
    void clearQuota_forAnotherAppid_answers40013() {
        JsonNode reply = http.call("/cgi-bin/clear_quota", http.accessToken(), "{\"appid\":\"wx1111111111111111\"}");

        assertThat(reply.get("errcode").asInt()).isEqualTo(40013);
    }

    @Test
    void clearQuotaV2_withSecret_clearsWithoutToken() {
        simulator.setUsed(APP_ID, "/cgi-bin/token", 2000);

        assertThat(clearV2(SECRET).get("errcode").asInt()).isZero();

        assertThat(simulator.quota(APP_ID, "/cgi-bin/token").used()).isZero();
    }

    @Test
    void clearQuotaV2_acceptsJsonBody() {
        String body = "{\"appid\":\"" + APP_ID + "\",\"appsecret\":\"" + SECRET + "\"}";

        assertThat(http.post("/cgi-bin/clear_quota/v2", body).get("errcode").asInt()).isZero();
    }

    @Test
    void clearQuotaV2_sharesTheMonthlyBudget() {
        simulator.setClearsUsedThisMonth(APP_ID, 9);

        assertThat(clearV2(SECRET).get("errcode").asInt()).isZero();
        assertThat(clear(http.accessToken()).get("errcode").asInt()).isEqualTo(48006);
    }

    @Test
    void clearQuotaV2_withWrongSecret_answers40125() {
        assertThat(clearV2("wrong").get("errcode").asInt()).isEqualTo(40125);
        assertThat(simulator.clearsUsedThisMonth(APP_ID)).isZero();
    }

    @Test
    void clearApiQuota_resetsOnlyThatApi() {
        simulator.setUsed(APP_ID, MENU_CREATE, 1000);
        simulator.setUsed(APP_ID, CUSTOM_SEND, 77);

        JsonNode reply = http.call("/cgi-bin/openapi/quota/clear", http.accessToken(),
                "{\"cgi_path\":\"" + MENU_CREATE + "\"}");

        assertThat(reply.get("errcode").asInt()).isZero();
        assertThat(simulator.quota(APP_ID, MENU_CREATE).used()).isZero();
        assertThat(simulator.quota(APP_ID, CUSTOM_SEND).used()).isEqualTo(77);
        assertThat(simulator.apiClearsUsedThisMonth(APP_ID)).isEqualTo(1);
        assertThat(simulator.clearsUsedThisMonth(APP_ID)).isZero();
    }

    @Test
    void clearApiQuota_pastFiftyThisMonth_answers48006() {
        String token = http.accessToken();
        String body = "{\"cgi_path\":\"" + MENU_CREATE + "\"}";
        for (int i = 0; i < 50; i++) {
            http.call("/cgi-bin/openapi/quota/clear", token, body);
        }

        assertThat(http.call("/cgi-bin/openapi/quota/clear", token, body).get("errcode").asInt()).isEqualTo(48006);
    }

    @Test
    void clearApiQuota_forUnknownPath_answers76021() {
        JsonNode reply = http.call("/cgi-bin/openapi/quota/clear", http.accessToken(), "{\"cgi_path\":\"/x/y\"}");

        assertThat(reply.get("errcode").asInt()).isEqualTo(76021);
    }
}
