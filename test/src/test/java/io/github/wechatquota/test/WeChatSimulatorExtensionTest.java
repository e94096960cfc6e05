package io.github.wechatquota.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatquota.simulator.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The extension alone, no Spring: a client that is the JDK's HTTP client, as a framework-free user's would be. */
@WeChatSimulatorTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WeChatSimulatorExtensionTest {

    private static final String MENU_CREATE = "/cgi-bin/menu/create";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WeChatTestServer weChat;

    WeChatSimulatorExtensionTest(WeChatTestServer weChat) {
        this.weChat = weChat;
    }

    @Test
    @Order(1)
    void hasLeft_letsThatManyCallsThrough_thenWeChatAnswers45009() throws Exception {
        weChat.quota(MENU_CREATE).hasLeft(2);

        assertThat(createMenu()).isZero();
        assertThat(createMenu()).isZero();
        assertThat(createMenu()).isEqualTo(45009);
        weChat.received(MENU_CREATE).hasCount(3).answered(0, 0, 45009);
    }

    @Test
    @Order(2)
    void eachTestStartsWithFullQuotasAndNoCalls_onTheSameServer(WeChatTestServer sameServer) {
        assertThat(sameServer).isSameAs(weChat);
        weChat.received(MENU_CREATE).hasNone();
        assertThat(weChat.quota(MENU_CREATE).used()).isZero();
    }

    @Test
    void nextCall_answersTheScriptedErrcodeOnce() throws Exception {
        weChat.nextCall(MENU_CREATE).answers(45011).fails(Fault.SYSTEM_BUSY);

        assertThat(createMenu()).isEqualTo(45011);
        assertThat(createMenu()).isEqualTo(-1);
        assertThat(createMenu()).isZero();
        assertThat(weChat.quota(MENU_CREATE).used()).isEqualTo(1);
    }

    @Test
    void clock_movedPastMidnightInChina_startsANewDay() throws Exception {
        weChat.quota(MENU_CREATE).hasDailyLimit(5).isUsedUp();

        weChat.clock().advance(Duration.ofDays(1));

        assertThat(weChat.quota(MENU_CREATE).remaining()).isEqualTo(5);
        assertThat(createMenu()).isZero();
    }

    @Test
    void failedAssertion_namesWhatWeChatReceived() throws Exception {
        createMenu();

        assertThatThrownBy(() -> weChat.received(MENU_CREATE).hasNone())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected WeChat to receive 0 call(s) to " + MENU_CREATE + " but it received 1");
        assertThatThrownBy(() -> weChat.received(MENU_CREATE).answered(45009))
                .hasMessageContaining("answer [45009]").hasMessageContaining("answered [0]");
    }

    @Test
    void hasLeft_beyondTheDailyLimit_isRefusedWithTheLimit() {
        weChat.quota(MENU_CREATE).hasDailyLimit(10);

        assertThatThrownBy(() -> weChat.quota(MENU_CREATE).hasLeft(11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("within [0, 10]");
    }

    @Nested
    class InANestedClass {

        @Test
        void theOuterClassesServerIsInjected(WeChatTestServer nested) {
            assertThat(nested).isSameAs(weChat);
        }
    }

    private int createMenu() throws IOException, InterruptedException {
        String token = weChat.simulator().issueToken(WeChatTestServer.DEFAULT_APP_ID);
        URI uri = weChat.baseUri().resolve(MENU_CREATE + "?access_token=" + token);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("{\"button\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = new ObjectMapper().readTree(response.body());
        return body.path("errcode").asInt();
    }
}
