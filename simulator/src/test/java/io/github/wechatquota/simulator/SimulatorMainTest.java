package io.github.wechatquota.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void start_withoutAccounts_servesTheDemoAccount() {
        try (WeChatSimulator simulator = SimulatorMain.start(new String[] {"--port", "0"})) {
            WeChatHttp http = new WeChatHttp(simulator);

            assertThat(http.token(SimulatorMain.DEMO_APP_ID, SimulatorMain.DEMO_SECRET).has("access_token")).isTrue();
        }
    }

    @Test
    void start_withAccountAndLimit_appliesBoth() {
        try (WeChatSimulator simulator = SimulatorMain.start(new String[] {
                "--port", "0", "--account", "wxmini0000000001:s3cret:mini-program", "--limit", "/cgi-bin/token=1"})) {

            assertThat(simulator.quota("wxmini0000000001", "/cgi-bin/token").dailyLimit()).isEqualTo(1);
        }
    }

    @Test
    void start_withUnknownAccountType_namesTheAcceptedOnes() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--port", "0", "--account", "wx1:s:robot"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("robot")
                .hasMessageContaining("official-account, mini-program, test-account, third-party-platform");
    }

    @Test
    void start_withMalformedLimit_showsTheExpectedForm() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--limit", "menu=3"}))
                .hasMessageContaining("CGI_PATH=N");
    }

    @Test
    void start_withOptionMissingItsValue_saysSo() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--port"}))
                .hasMessage("Option --port needs a value");
    }

    @Test
    void start_withWaybill_answersTheBalanceOnLogisticsGetQuota() {
        try (WeChatSimulator simulator = SimulatorMain.start(new String[] {"--port", "0",
                "--account", "wxmini0000000001:s3cret:mini-program", "--waybill", "wxmini0000000001:YTO:xyz=500"})) {
            WeChatHttp http = new WeChatHttp(simulator);
            String token = http.token("wxmini0000000001", "s3cret").get("access_token").asText();

            JsonNode reply = http.call(WeChatSimulator.WAYBILL_QUOTA_PATH, token,
                    "{\"delivery_id\":\"YTO\",\"biz_id\":\"xyz\"}");

            assertThat(reply.get("quota_num").asLong()).isEqualTo(500);
        }
    }

    @Test
    void start_withWaybillOfAnOfficialAccount_saysToServeItAsAMiniProgram() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--port", "0",
                "--waybill", SimulatorMain.DEMO_APP_ID + ":YTO:xyz=500"}))
                .hasMessageStartingWith("--waybill " + SimulatorMain.DEMO_APP_ID + ":YTO:xyz=500: ")
                .hasMessageContaining("48001")
                .hasMessageContaining("serve it as a mini-program");
    }

    @Test
    void start_withWaybillOfAnAppNotServed_namesTheAccountOption() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--port", "0", "--waybill", "wxnobody:YTO:xyz=5"}))
                .hasMessageContaining("No simulated account wxnobody")
                .hasMessageContaining("--account APPID:SECRET[:TYPE]");
    }

    @Test
    void start_withMalformedWaybill_showsTheExpectedForm() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--waybill", "wxmini0000000001:YTO=5"}))
                .hasMessageContaining("APPID:DELIVERY_ID:BIZ_ID=BALANCE");
    }

    @Test
    void start_withWaybillBalanceNotANumber_saysSo() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--waybill", "wxmini0000000001:YTO:xyz=lots"}))
                .hasMessageContaining("whole number")
                .hasMessageContaining("'lots'");
    }

    @Test
    void start_withPlatformTicketAndAuthorizer_issuesBothTokens() {
        try (WeChatSimulator simulator = SimulatorMain.start(new String[] {"--port", "0",
                "--platform", "wxcomponent0000001:component-secret:ticket@@@1",
                "--authorizer", "wxcomponent0000001:wxauthorizer000001:refreshtoken@@@1:mini-program"})) {
            WeChatHttp http = new WeChatHttp(simulator);
            String componentToken = http.post(WeChatSimulator.COMPONENT_TOKEN_PATH, "{\"component_appid\":"
                    + "\"wxcomponent0000001\",\"component_appsecret\":\"component-secret\","
                    + "\"component_verify_ticket\":\"ticket@@@1\"}").get("component_access_token").asText();

            JsonNode reply = http.post(WeChatSimulator.AUTHORIZER_TOKEN_PATH + "?component_access_token="
                    + componentToken, "{\"component_appid\":\"wxcomponent0000001\",\"authorizer_appid\":"
                    + "\"wxauthorizer000001\",\"authorizer_refresh_token\":\"refreshtoken@@@1\"}");

            assertThat(reply.get("authorizer_refresh_token").asText()).isEqualTo("refreshtoken@@@1");
        }
    }

    @Test
    void start_withMalformedAuthorizer_showsAnExample() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--platform", "wxc:s", "--authorizer", "wxc:wxa"}))
                .hasMessageContaining("--authorizer takes 3 to 4 parts");
    }
}
