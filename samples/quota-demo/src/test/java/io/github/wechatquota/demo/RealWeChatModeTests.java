package io.github.wechatquota.demo;

import static io.github.wechatquota.demo.QuotaDemoRunner.FOLLOWERS;
import static io.github.wechatquota.demo.QuotaDemoRunner.MENU;
import static io.github.wechatquota.demo.QuotaDemoRunner.QRCODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.RecordedCall;
import io.github.wechatquota.simulator.WeChatSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo pointed at "the real WeChat" as the README says (WECHAT_API_BASE_URL, WX_APPID, WX_SECRET; given here on
 * the command line, which the same placeholders read): a simulator the demo does not own plays WeChat, with an
 * account other than the demo's. The demo must only read from it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RealWeChatModeTests {

    static final String REAL_APP_ID = "wxfedcba9876543210";
    static final String REAL_SECRET = "a-real-looking-secret-7f3c";

    static WeChatSimulator realWeChat;
    static ConfigurableApplicationContext demo;

    @BeforeAll
    static void runTheDemoAgainstTheRealWeChat() {
        realWeChat = WeChatSimulator.builder().account(REAL_APP_ID, REAL_SECRET, AccountType.OFFICIAL_ACCOUNT).start();
        demo = new SpringApplicationBuilder(QuotaDemoApplication.class).run(
                "--WECHAT_API_BASE_URL=" + realWeChat.baseUri(), "--WX_APPID=" + REAL_APP_ID,
                "--WX_SECRET=" + REAL_SECRET, "--server.port=0");
    }

    @AfterAll
    static void stop() {
        demo.close();
        realWeChat.close();
    }

    @Test
    void realWeChat_isOnlyReadFrom() {
        assertThat(demo.getBeansOfType(WeChatSimulator.class)).isEmpty();
        assertThat(realWeChat.calls()).extracting(RecordedCall::path)
                .containsOnly("/cgi-bin/stable_token", "/cgi-bin/openapi/quota/get", FOLLOWERS);
        assertThat(realWeChat.calls(FOLLOWERS)).singleElement().matches(RecordedCall::succeeded);
    }

    @Test
    void report_skipsTheStepsThatNeedTheSimulatorAndSaysWhy(CapturedOutput output) {
        assertThat(output.getOut())
                .contains("wechat-quota demo: appid " + REAL_APP_ID + ", calling WeChat at " + realWeChat.baseUri())
                .contains("list followers (" + FOLLOWERS + ", read-only) -> {\"errcode\":0,\"errmsg\":\"ok\"}")
                .contains("(2) One call more is refused before WeChat is called" + System.lineSeparator()
                        + "    Skipped against the real WeChat: a real quota would have to be used up first")
                .contains("(3) WeChat answers 45009 although the guard still counts calls left"
                        + System.lineSeparator()
                        + "    Skipped against the real WeChat: a real quota would have to be used up first")
                .contains("(4) CLEAR_AND_RETRY spends one clear, and the call goes through" + System.lineSeparator()
                        + "    Skipped against the real WeChat: it would spend one of the account's ten clears")
                .containsPattern(REAL_APP_ID + " +/cgi-bin/user/get +500 +494 +SYNCED +REJECT")
                .doesNotContain(REAL_SECRET);
    }

    @Test
    void configuration_ofTheDemoAccountAppliesToWxAppId() {
        QuotaGuard guard = demo.getBean(QuotaGuard.class);

        assertThat(guard.appIds()).containsExactly(REAL_APP_ID);
        assertThat(guard.snapshot(REAL_APP_ID, QRCODE).orElseThrow().policy()).isEqualTo(QuotaPolicy.CLEAR_AND_RETRY);
        assertThat(guard.snapshot(REAL_APP_ID, MENU).orElseThrow().policy()).isEqualTo(QuotaPolicy.FALLBACK);
    }
}
