package io.github.wechatquota.simulator;

import static io.github.wechatquota.simulator.WeChatHttp.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CallRecordTest extends SimulatorTestSupport {

    @Test
    void everyCall_isRecordedWithAppidAndErrcode() {
        simulator.setDailyLimit(APP_ID, MENU_CREATE, 1);
        String token = http.accessToken();
        http.call(MENU_CREATE, token, "{}");
        http.call(MENU_CREATE, token, "{}");

        assertThat(simulator.calls(MENU_CREATE))
                .extracting(RecordedCall::appId, RecordedCall::errcode, RecordedCall::succeeded)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(APP_ID, 0, true),
                        org.assertj.core.groups.Tuple.tuple(APP_ID, 45009, false));
        assertThat(simulator.calls()).hasSize(3);
    }

    @Test
    void resetCalls_forgetsTheRecordButNotTheCounts() {
        http.call(MENU_CREATE, http.accessToken(), "{}");

        simulator.resetCalls();

        assertThat(simulator.calls()).isEmpty();
        assertThat(simulator.quota(APP_ID, MENU_CREATE).used()).isEqualTo(1);
    }

    @Test
    void controlPaths_readAndSetCounts() {
        http.post("/_simulator/quota", "{\"appid\":\"" + APP_ID + "\",\"cgi_path\":\"" + MENU_CREATE
                + "\",\"daily_limit\":5,\"used\":3}");

        JsonNode quota = http.get("/_simulator/quota?appid=" + APP_ID + "&cgi_path=" + MENU_CREATE);

        assertThat(quota.get("daily_limit").asLong()).isEqualTo(5);
        assertThat(quota.get("remain").asLong()).isEqualTo(2);
    }

    @Test
    void controlPaths_listCallsAndScriptFaults() {
        http.post("/_simulator/faults", "{\"fault\":\"SYSTEM_BUSY\",\"times\":1,\"path\":\"" + MENU_CREATE + "\"}");

        assertThat(http.call(MENU_CREATE, http.accessToken(), "{}").get("errcode").asInt()).isEqualTo(-1);
        JsonNode calls = http.get("/_simulator/calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).get("path").asText()).isEqualTo(MENU_CREATE);
        assertThat(calls.get(1).get("fault").asText()).isEqualTo("SYSTEM_BUSY");
    }

    @Test
    void controlPaths_explainAnUnknownOperation() {
        JsonNode reply = http.get("/_simulator/nothing");

        assertThat(reply.get("error").asText()).contains("No control operation GET /_simulator/nothing");
    }

    @Test
    void unknownAccount_inTestApi_isNamed() {
        assertThatThrownBy(() -> simulator.setUsed("wxnobody", MENU_CREATE, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wxnobody");
    }

    @Test
    void accountToString_hidesTheSecret() {
        assertThat(new SimulatedAccount(APP_ID, "top-secret-value", AccountType.MINI_PROGRAM).toString())
                .contains(APP_ID).doesNotContain("top-secret-value");
    }
}
