package io.github.wechatquota.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /_simulator/waybill}: what a simulator run as a process is given e-waybill accounts with. */
class WaybillControlTest extends SimulatorTestSupport {

    private static final String MINI_APP = "wxmini0000000001";
    private static final String COURIER = "{\"delivery_id\":\"YTO\",\"biz_id\":\"xyz\",\"order_id\":\"o-1\"}";
    private static final String BIND = "{\"appid\":\"" + MINI_APP
            + "\",\"delivery_id\":\"YTO\",\"biz_id\":\"xyz\",\"quota_num\":300}";

    private String token;

    @BeforeEach
    void miniProgram() {
        simulator.addAccount(new SimulatedAccount(MINI_APP, "mini-secret", AccountType.MINI_PROGRAM));
        token = http.token(MINI_APP, "mini-secret").get("access_token").asText();
    }

    @Test
    void postWaybill_bindsTheCourierAccount_soLogisticsGetQuotaAnswersTheBalance() {
        JsonNode set = http.post("/_simulator/waybill", BIND);

        assertThat(set.get("quota_num").asLong()).isEqualTo(300);
        assertThat(set.get("bound").asBoolean()).isTrue();
        assertThat(http.call(WeChatSimulator.WAYBILL_QUOTA_PATH, token, COURIER).get("quota_num").asLong())
                .isEqualTo(300);
    }

    @Test
    void getWaybill_readsTheBalanceLeftAfterAnOrder() {
        http.post("/_simulator/waybill", BIND);
        http.call("/cgi-bin/express/business/order/add", token, COURIER);

        JsonNode read = http.get("/_simulator/waybill?appid=" + MINI_APP + "&delivery_id=YTO&biz_id=xyz");

        assertThat(read.get("quota_num").asLong()).isEqualTo(299);
    }

    @Test
    void getWaybill_ofAnUnboundCourierAccount_saysNotBound() {
        JsonNode read = http.get("/_simulator/waybill?appid=" + MINI_APP + "&delivery_id=SF&biz_id=xyz");

        assertThat(read.get("bound").asBoolean()).isFalse();
    }

    @Test
    void postWaybill_withoutQuotaNum_answers400WithTheExpectedBody() {
        HttpResponse<String> reply = postWaybill("{\"appid\":\"" + MINI_APP + "\",\"delivery_id\":\"YTO\","
                + "\"biz_id\":\"xyz\",\"balance\":5}");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("quota_num");
    }

    @Test
    void postWaybill_forAnOfficialAccount_answers400SayingItMustBeAMiniProgram() {
        HttpResponse<String> reply = postWaybill(BIND.replace(MINI_APP, WeChatHttp.APP_ID));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("48001").contains("mini-program");
    }

    @Test
    void postWaybill_withNegativeBalance_answers400() {
        HttpResponse<String> reply = postWaybill(BIND.replace("300", "-1"));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("0 or more");
    }

    private HttpResponse<String> postWaybill(String body) {
        return http.send(HttpRequest.newBuilder(simulator.baseUri().resolve("/_simulator/waybill"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
