package io.github.wechatquota.spring.it;

import static io.github.wechatquota.spring.it.QuotaTestApplication.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatquota.simulator.WeChatSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** An operator asks for a clear while clears are off: the answer says why and which property turns them on. */
@TestPropertySource(properties = "wechat.quota.clear.enabled=false")
class ClearsDisabledIntegrationTest extends ApplicationTestSupport {

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
    void actuator_postClear_whenDisabled_answersWhyAndWhichProperty() {
        ResponseEntity<JsonNode> response = http.postForEntity("/actuator/wechatquota/" + APP_ID, action("clear"),
                JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("error").asText()).isEqualTo("Clears are disabled");
        assertThat(response.getBody().get("message").asText()).contains("set wechat.quota.clear.enabled=true");
        assertThat(response.getBody().get("property").asText()).isEqualTo("wechat.quota.clear.enabled");
        assertThat(WECHAT.calls("/cgi-bin/clear_quota")).isEmpty();
    }
}
