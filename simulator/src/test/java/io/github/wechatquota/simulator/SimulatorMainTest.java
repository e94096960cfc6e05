package io.github.wechatquota.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
