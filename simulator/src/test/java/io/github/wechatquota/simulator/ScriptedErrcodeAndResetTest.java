package io.github.wechatquota.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class ScriptedErrcodeAndResetTest extends SimulatorTestSupport {

    @Test
    void scriptedErrcode_answersItOnceForThatPath_uncounted_andRecordedForTheTokensAccount() {
        String token = http.accessToken();
        simulator.faults().nextErrcode(MENU_CREATE, 45009, 1);

        assertThat(http.call(CUSTOM_SEND, token, "{}").get("errcode").asInt()).isZero();
        assertThat(http.call(MENU_CREATE, token, "{}").get("errmsg").asText())
                .startsWith("reach max api daily quota limit rid: ");
        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isZero();
        assertThat(simulator.quota(WeChatHttp.APP_ID, MENU_CREATE).used()).isEqualTo(1);
        assertThat(simulator.calls(MENU_CREATE)).extracting(RecordedCall::errcode, RecordedCall::appId)
                .containsExactly(tuple(45009, WeChatHttp.APP_ID),
                        tuple(0, WeChatHttp.APP_ID));
    }

    @Test
    void scriptedErrcode_overTheControlPath_answersTheNextCallsToAnyPath() {
        String token = http.accessToken();

        http.post("/_simulator/faults", "{\"errcode\":45011,\"times\":2}");

        assertThat(http.call(CUSTOM_SEND, token, "{}").get("errcode").asInt()).isEqualTo(45011);
        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isEqualTo(45011);
        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isZero();
    }

    @Test
    void scriptedErrcode_zeroIsRefused() {
        assertThatThrownBy(() -> simulator.faults().nextErrcode(MENU_CREATE, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("45009");
    }

    @Test
    void reset_forgetsCountsLimitsClearsFaultsAndCalls_butKeepsTokens() {
        String token = http.accessToken();
        simulator.setDailyLimit(WeChatHttp.APP_ID, MENU_CREATE, 1);
        http.call(MENU_CREATE, token, "{}");
        simulator.setClearsUsedThisMonth(WeChatHttp.APP_ID, 10);
        simulator.faults().nextErrcode(null, 45011, 3);

        simulator.reset();

        assertThat(simulator.calls()).isEmpty();
        assertThat(simulator.clearsUsedThisMonth(WeChatHttp.APP_ID)).isZero();
        assertThat(simulator.quota(WeChatHttp.APP_ID, MENU_CREATE).dailyLimit()).isGreaterThan(1);
        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isZero();
        assertThat(simulator.quota(WeChatHttp.APP_ID, MENU_CREATE).used()).isEqualTo(1);
    }
}
