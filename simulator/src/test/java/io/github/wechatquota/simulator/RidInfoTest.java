package io.github.wechatquota.simulator;

import static io.github.wechatquota.simulator.WeChatHttp.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RidInfoTest extends SimulatorTestSupport {

    private static final String RID_GET = "/cgi-bin/openapi/rid/get";

    private String ridOfLimitedCall(String token) {
        simulator.setDailyLimit(APP_ID, MENU_CREATE, 1);
        simulator.setUsed(APP_ID, MENU_CREATE, 1);
        String errmsg = http.call(MENU_CREATE, token, "{\"button\":[]}").get("errmsg").asText();
        return errmsg.substring(errmsg.indexOf("rid: ") + 5);
    }

    @Test
    void getRidInfo_describesTheFailedCall() {
        String token = http.accessToken();
        String rid = ridOfLimitedCall(token);

        JsonNode reply = http.call(RID_GET, token, "{\"rid\":\"" + rid + "\"}");

        assertThat(reply.get("errcode").asInt()).isZero();
        assertThat(reply.at("/request/request_url").asText()).isEqualTo(MENU_CREATE);
        assertThat(reply.at("/request/request_body").asText()).isEqualTo("{\"button\":[]}");
        assertThat(reply.at("/request/response_body").asText()).contains("45009");
    }

    @Test
    void getRidInfo_afterSevenDays_answers76001() {
        String token = http.accessToken();
        String rid = ridOfLimitedCall(token);
        clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertThat(http.call(RID_GET, simulator.issueToken(APP_ID), "{\"rid\":\"" + rid + "\"}")
                .get("errcode").asInt()).isEqualTo(76001);
    }

    @Test
    void getRidInfo_ofAnotherAccount_answers76003() {
        String rid = ridOfLimitedCall(http.accessToken());
        simulator.addAccount(new SimulatedAccount("wx2222222222222222", "other", AccountType.OFFICIAL_ACCOUNT));

        JsonNode reply = http.call(RID_GET, simulator.issueToken("wx2222222222222222"), "{\"rid\":\"" + rid + "\"}");

        assertThat(reply.get("errcode").asInt()).isEqualTo(76003);
    }

    @Test
    void getRidInfo_withoutRid_answers76002() {
        assertThat(http.call(RID_GET, http.accessToken(), "{}").get("errcode").asInt()).isEqualTo(76002);
    }
}
