package io.github.wechatquota.spring.it;

import static io.github.wechatquota.spring.it.QuotaTestApplication.APP_ID;
import static io.github.wechatquota.spring.it.QuotaTestApplication.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Clears reset every API of an account, so they get an application (and a WeChat) of their own. */
@ActiveProfiles("it")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClearIntegrationTest {

    static final WeChatSimulator WECHAT = WeChatSimulator.builder()
            .account(APP_ID, QuotaTestApplication.SECRET, AccountType.OFFICIAL_ACCOUNT)
            .account(OTHER_APP, QuotaTestApplication.OTHER_SECRET, AccountType.OFFICIAL_ACCOUNT)
            .start();

    @DynamicPropertySource
    static void weChat(DynamicPropertyRegistry registry) {
        registry.add("wechat.quota.api-base-url", () -> WECHAT.baseUri().toString());
    }

    @AfterAll
    static void stopWeChat() {
        WECHAT.close();
    }

    @Autowired
    AccountService accounts;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TestRestTemplate http;

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
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        JsonNode result = http.postForObject("/actuator/wechatquota/" + OTHER_APP,
                new HttpEntity<>(Map.of("action", "clear"), headers), JsonNode.class);

        assertThat(result.get("result").asText()).isEqualTo("CLEARED");
        assertThat(result.get("usedThisMonth").asInt()).isEqualTo(1);
        assertThat(WECHAT.clearsUsedThisMonth(OTHER_APP)).isEqualTo(1);
    }
}
