package io.github.wechatquota.spring.it;

import static io.github.wechatquota.spring.it.QuotaTestApplication.APP_ID;
import static io.github.wechatquota.spring.it.QuotaTestApplication.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.simulator.Fault;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.micrometer.core.instrument.Meter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A whole scenario, then a search of every log line, actuator reply and meter for a secret or a token. */
@TestPropertySource(properties = "logging.level.io.github.wechatquota=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class SecretsIntegrationTest extends ApplicationTestSupport {

    static final WeChatSimulator WECHAT = startWeChat();

    @DynamicPropertySource
    static void weChat(DynamicPropertyRegistry registry) {
        useWeChat(registry, WECHAT);
    }

    @AfterAll
    static void stopWeChat() {
        WECHAT.close();
    }


    @Test
    void noSecretOrTokenShowsUpAnywhere(CapturedOutput output) {
        List<String> tokens = new ArrayList<>();
        tokens.add(guard.accessTokens().getAccessToken(APP_ID));
        tokens.add(guard.accessTokens().getAccessToken(OTHER_APP));
        List<String> seen = new ArrayList<>();

        WECHAT.setDailyLimit(APP_ID, "/cgi-bin/menu/delete", 1);
        seen.add(accounts.deleteMenu());
        seen.add(accounts.deleteMenu()); // 45009, fallback
        seen.add(accounts.createQrCode());
        seen.add(accounts.createQrCode()); // clear_quota
        WECHAT.revokeTokens(OTHER_APP);
        seen.add(accounts.listFollowers(OTHER_APP)); // 40001, new token, retry
        tokens.add(guard.accessTokens().getAccessToken(OTHER_APP));
        for (int i = 0; i < 5; i++) {
            seen.add(exceptionOrResult(() -> client.sendCustomMessage("{}")));
        }
        WECHAT.faults().rate(Fault.MALFORMED_JSON, 1.0);
        seen.add(String.valueOf(http.postForObject("/actuator/wechatquota", action("sync"), String.class)));
        WECHAT.faults().clear();
        seen.add(http.getForObject("/actuator/wechatquota", String.class));
        seen.add(http.getForObject("/actuator/wechatquota/" + APP_ID, String.class));
        seen.add(http.getForObject("/actuator/health", String.class));
        seen.add(http.postForObject("/actuator/wechatquota/" + APP_ID, action("clear"), String.class));
        seen.add(guard.snapshots().toString());
        seen.add(guard.waybills().toString());
        for (Meter meter : meters.getMeters()) {
            seen.add(meter.getId().toString());
        }
        seen.add(output.getAll());

        assertThat(tokens).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(output.getAll()).contains("wechat-quota start-up sync");
        for (String text : seen) {
            assertThat(text).doesNotContain(QuotaTestApplication.SECRET).doesNotContain(QuotaTestApplication.OTHER_SECRET);
            for (String token : tokens) {
                assertThat(text).doesNotContain(token);
            }
        }
    }



    private static String exceptionOrResult(java.util.concurrent.Callable<String> call) {
        try {
            return call.call();
        } catch (Exception e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            return trace.toString();
        }
    }
}
