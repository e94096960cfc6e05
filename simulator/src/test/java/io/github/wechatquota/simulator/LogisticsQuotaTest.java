package io.github.wechatquota.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogisticsQuotaTest extends SimulatorTestSupport {

    private static final String MINI_APP = "wxmini0000000001";
    private static final String QUOTA_GET = "/cgi-bin/express/business/quota/get";
    private static final String ORDER_ADD = "/cgi-bin/express/business/order/add";
    private static final String COURIER = "{\"delivery_id\":\"YTO\",\"biz_id\":\"xyz\",\"order_id\":\"o-1\"}";

    private String token;

    @BeforeEach
    void miniProgramWithCourierAccount() {
        simulator.addAccount(new SimulatedAccount(MINI_APP, "mini-secret", AccountType.MINI_PROGRAM));
        simulator.setWaybillBalance(MINI_APP, "YTO", "xyz", 2);
        token = simulator.issueToken(MINI_APP);
    }

    @Test
    void getQuota_answersTheBalanceAsDocumented() {
        JsonNode reply = http.call(QUOTA_GET, token, COURIER);

        assertThat(reply.get("quota_num").asLong()).isEqualTo(2);
        assertThat(reply.has("errcode")).isFalse();
    }

    @Test
    void addOrder_usesOneWaybill() {
        JsonNode reply = http.call(ORDER_ADD, token, COURIER);

        assertThat(reply.get("errcode").asInt()).isZero();
        assertThat(reply.get("waybill_id").asText()).startsWith("YTO");
        assertThat(simulator.waybillBalance(MINI_APP, "YTO", "xyz")).isEqualTo(1);
    }

    @Test
    void addOrder_withEmptyBalance_answersDeliveryError() {
        http.call(ORDER_ADD, token, COURIER);
        http.call(ORDER_ADD, token, COURIER);

        JsonNode reply = http.call(ORDER_ADD, token, COURIER);

        assertThat(reply.get("errcode").asInt()).isEqualTo(9300501);
        assertThat(reply.get("delivery_resultmsg").asText()).contains("balance");
        assertThat(simulator.waybillBalance(MINI_APP, "YTO", "xyz")).isZero();
    }

    @Test
    void getQuota_forUnboundCourierAccount_answersDeliveryError() {
        JsonNode reply = http.call(QUOTA_GET, token, "{\"delivery_id\":\"SF\",\"biz_id\":\"xyz\"}");

        assertThat(reply.get("errcode").asInt()).isEqualTo(9300501);
    }

    @Test
    void getQuota_withoutBizId_answers47001() {
        assertThat(http.call(QUOTA_GET, token, "{\"delivery_id\":\"YTO\"}").get("errcode").asInt()).isEqualTo(47001);
    }

    @Test
    void getQuota_fromOfficialAccount_answers48001() {
        assertThat(http.call(QUOTA_GET, http.accessToken(), COURIER).get("errcode").asInt()).isEqualTo(48001);
    }
}
