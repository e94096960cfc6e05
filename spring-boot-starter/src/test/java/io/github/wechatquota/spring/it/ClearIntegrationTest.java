package io.github.wechatquota.spring.it;

import static io.github.wechatquota.spring.it.QuotaTestApplication.APP_ID;
import static io.github.wechatquota.spring.it.QuotaTestApplication.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatquota.simulator.WeChatSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Clears reset every API of an account, so they get an application (and a WeChat) of their own. */
class ClearIntegrationTest extends ApplicationTestSupport {

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
    void bean_clearAndRetry_spendsOneClearAndMakesTheCall() {
        accounts.createQrCode();

        assertThat(accounts.createQrCode()).contains("\"errcode\":0");
        assertThat(WECHAT.calls("/cgi-bin/clear_quota")).hasSize(1);
        assertThat(meters.get("wechat.quota.clears").tags("app_id", APP_ID, "result", "cleared").counter().count())
                .isEqualTo(1);
    }

    @Test
    void actuator_postClear_spendsAClearForTheApp() {
        JsonNode result = http.postForObject("/actuator/wechatquota/" + OTHER_APP, action("clear"), JsonNode.class);

        assertThat(result.get("result").asText()).isEqualTo("CLEARED");
        assertThat(result.get("usedThisMonth").asInt()).isEqualTo(1);
        assertThat(WECHAT.clearsUsedThisMonth(OTHER_APP)).isEqualTo(1);
    }
}
