package io.github.wechatquota.simulator;

import static io.github.wechatquota.simulator.WeChatHttp.APP_ID;
import static io.github.wechatquota.simulator.WeChatHttp.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenEndpointTest extends SimulatorTestSupport {

    @Test
    void token_withRightSecret_issuesTokenValidForTwoHours() {
        JsonNode reply = http.token(APP_ID, SECRET);

        assertThat(reply.get("access_token").asText()).hasSizeGreaterThan(32);
        assertThat(reply.get("expires_in").asLong()).isEqualTo(7200);
    }

    @Test
    void token_withWrongSecret_answers40125() {
        assertThat(http.token(APP_ID, "wrong").get("errcode").asInt()).isEqualTo(40125);
    }

    @Test
    void token_forUnknownAppid_answers40013() {
        assertThat(http.token("wx9999999999999999", SECRET).get("errcode").asInt()).isEqualTo(40013);
    }

    @Test
    void token_withoutAppidOrSecret_answers41002Or41004() {
        assertThat(http.get("/cgi-bin/token?grant_type=client_credential&secret=x").get("errcode").asInt())
                .isEqualTo(41002);
        assertThat(http.get("/cgi-bin/token?grant_type=client_credential&appid=" + APP_ID).get("errcode").asInt())
                .isEqualTo(41004);
    }

    @Test
    void token_withWrongGrantType_answers40002() {
        assertThat(http.get("/cgi-bin/token?grant_type=password&appid=" + APP_ID + "&secret=" + SECRET)
                .get("errcode").asInt()).isEqualTo(40002);
    }

    @Test
    void token_afterTwoHours_answers42001() {
        String token = http.accessToken();
        clock.advance(Duration.ofSeconds(7200));

        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isEqualTo(42001);
    }

    @Test
    void token_replacedByNewOne_staysValidForFiveMinutes() {
        String old = http.accessToken();
        http.accessToken();

        clock.advance(Duration.ofMinutes(4));
        assertThat(http.call(MENU_CREATE, old, "{}").get("errcode").asInt()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(http.call(MENU_CREATE, old, "{}").get("errcode").asInt()).isEqualTo(40001);
    }

    @Test
    void token_revoked_answers40001() {
        String token = http.accessToken();
        simulator.revokeTokens(APP_ID);

        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isEqualTo(40001);
    }

    @Test
    void token_expiredByTest_answers42001() {
        String token = http.accessToken();
        simulator.expireTokens(APP_ID);

        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isEqualTo(42001);
    }

    @Test
    void call_withMalformedToken_answers40014() {
        assertThat(http.call(MENU_CREATE, "not!a!token", "{}").get("errcode").asInt()).isEqualTo(40014);
    }

    @Test
    void call_withWellFormedUnknownToken_answers40001() {
        assertThat(http.call(MENU_CREATE, "A".repeat(128), "{}").get("errcode").asInt()).isEqualTo(40001);
    }

    @Test
    void call_withoutToken_answers41001() {
        assertThat(http.post(MENU_CREATE, "{}").get("errcode").asInt()).isEqualTo(41001);
    }

    @Test
    void token_pastDailyLimit_answers45009() {
        simulator.setDailyLimit(APP_ID, "/cgi-bin/token", 2);
        http.accessToken();
        http.accessToken();

        assertThat(http.token(APP_ID, SECRET).get("errcode").asInt()).isEqualTo(45009);
    }

    @Test
    void stableToken_withoutForceRefresh_returnsSameToken() {
        String body = "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP_ID + "\",\"secret\":\"" + SECRET + "\"}";
        String first = http.post("/cgi-bin/stable_token", body).get("access_token").asText();
        clock.advance(Duration.ofMinutes(30));
        JsonNode second = http.post("/cgi-bin/stable_token", body);

        assertThat(second.get("access_token").asText()).isEqualTo(first);
        assertThat(second.get("expires_in").asLong()).isEqualTo(7200 - 1800);
    }

    @Test
    void stableToken_withForceRefresh_returnsNewToken() {
        String body = "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP_ID + "\",\"secret\":\"" + SECRET + "\"";
        String first = http.post("/cgi-bin/stable_token", body + "}").get("access_token").asText();
        String forced = http.post("/cgi-bin/stable_token", body + ",\"force_refresh\":true}")
                .get("access_token").asText();

        assertThat(forced).isNotEqualTo(first);
    }

    @Test
    void stableToken_pastMinuteLimit_answers45011() {
        simulator.setPerMinuteLimit(APP_ID, "/cgi-bin/stable_token", 1);
        String body = "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP_ID + "\",\"secret\":\"" + SECRET + "\"}";
        http.post("/cgi-bin/stable_token", body);

        assertThat(http.post("/cgi-bin/stable_token", body).get("errcode").asInt()).isEqualTo(45011);
    }

    @Test
    void stableToken_byGet_answers43002() {
        assertThat(http.get("/cgi-bin/stable_token").get("errcode").asInt()).isEqualTo(43002);
    }
}
