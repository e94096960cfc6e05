package io.github.wechatquota.spring.it;

import static io.github.wechatquota.spring.it.QuotaTestApplication.APP_ID;
import static io.github.wechatquota.spring.it.QuotaTestApplication.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.LimitSource;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter in a running application, against the simulator over HTTP. Clears live in {@link ClearIntegrationTest}. */
class StarterIntegrationTest extends ApplicationTestSupport {

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
    void startUp_syncedEveryAnnotatedApiBeforeTheFirstCall() {
        assertThat(WECHAT.calls("/cgi-bin/openapi/quota/get")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(guard.snapshot(APP_ID, "/cgi-bin/qrcode/create").orElseThrow().lastSyncedAt()).isPresent();
        assertThat(guard.snapshot(APP_ID, "/cgi-bin/menu/delete").orElseThrow().source()).isEqualTo(LimitSource.SYNCED);
    }

    @Test
    void feignClient_isHeldToItsLimitAndEachCallCountedOnce() {
        int rejected = 0;
        for (int i = 0; i < 6; i++) {
            try {
                assertThat(client.sendCustomMessage("{}")).contains("\"errcode\":0");
            } catch (QuotaExhaustedException e) {
                rejected++;
            }
        }

        assertThat(rejected).isGreaterThanOrEqualTo(3);
        assertThat(WECHAT.successfulCalls(APP_ID, "/cgi-bin/message/custom/send")).isEqualTo(3);
        assertThat(guard.snapshot(APP_ID, "/cgi-bin/message/custom/send").orElseThrow().remaining()).hasValue(0);
    }

    @Test
    void feignClient_fallsBackToItsDefaultMethod() {
        client.createMenu("{}");

        assertThat(client.createMenu("{}")).isEqualTo("menu queued");
        // The limit is one a day, whichever test made the call.
        assertThat(WECHAT.calls("/cgi-bin/menu/create")).hasSize(1);
    }

    @Test
    void bean_spelAppId_countsEachAccountSeparately() {
        accounts.listFollowers(APP_ID);
        accounts.listFollowers(APP_ID);
        accounts.listFollowers(OTHER_APP);

        assertThatThrownBy(() -> accounts.listFollowers(APP_ID)).isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining(APP_ID);
        assertThat(accounts.listFollowers(OTHER_APP)).contains("\"errcode\":0");
        assertThat(WECHAT.successfulCalls(OTHER_APP, "/cgi-bin/user/get")).isEqualTo(2);
    }

    @Test
    void bean_weChat45009_isUnderstoodAndFallsBack() {
        WECHAT.setDailyLimit(APP_ID, "/cgi-bin/menu/delete", 1);
        accounts.deleteMenu();

        String second = accounts.deleteMenu();

        assertThat(second).startsWith("delete queued:").contains("WeChat answered 45009");
        assertThat(guard.snapshot(APP_ID, "/cgi-bin/menu/delete").orElseThrow().remaining().orElseThrow()).isZero();
    }

    @Test
    void actuator_showsEveryQuotaAsJson() {
        client.sendCustomMessage("{}");

        JsonNode body = http.getForObject("/actuator/wechatquota", JsonNode.class);

        JsonNode send = body.at("/apps/" + APP_ID + "/apis").get("/cgi-bin/message/custom/send");
        assertThat(send.get("dailyLimit").asLong()).isEqualTo(3);
        assertThat(send.get("source").asText()).isEqualTo("ANNOTATION");
        assertThat(send.get("policy").asText()).isEqualTo("REJECT");
        assertThat(send.has("remaining")).isTrue();
        assertThat(body.at("/apps/" + APP_ID + "/clears/maxPerMonth").asInt()).isEqualTo(3);
    }

    @Test
    void actuator_filtersAndPagesByQueryParameters() {
        JsonNode body = http.getForObject("/actuator/wechatquota?appId=" + APP_ID + "&exhausted=false&size=1",
                JsonNode.class);

        assertThat(body.get("apps").has(APP_ID)).isTrue();
        assertThat(body.at("/page/size").asInt()).isEqualTo(1);
        assertThat(body.at("/page/totalApps").asInt()).isEqualTo(1);
    }

    @Test
    void actuator_outOfRangeQueryParameter_isABadRequestNamingIt() {
        ResponseEntity<JsonNode> response = http.getForEntity("/actuator/wechatquota?remainingBelow=2", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("parameter").asText()).isEqualTo("remainingBelow");
        assertThat(response.getBody().get("message").asText()).contains("from 0 to 1");
    }

    @Test
    void actuator_showsOneApi() {
        JsonNode api = http.getForObject("/actuator/wechatquota/" + APP_ID + "/cgi-bin/menu/delete", JsonNode.class);

        assertThat(api.get("source").asText()).isEqualTo("SYNCED");
        assertThat(api.get("dailyLimit").asLong()).isPositive();
    }

    @Test
    void actuator_unknownApiIsNotFound() {
        ResponseEntity<String> response = http.getForEntity("/actuator/wechatquota/" + APP_ID + "/cgi-bin/nothing",
                String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void actuator_postSync_syncsNow() {
        int before = WECHAT.calls("/cgi-bin/openapi/quota/get").size();

        JsonNode report = http.postForObject("/actuator/wechatquota", action("sync"), JsonNode.class);

        assertThat(report.get("synced").asInt()).isPositive();
        assertThat(WECHAT.calls("/cgi-bin/openapi/quota/get").size()).isGreaterThan(before);
    }

    @Test
    void actuator_postSync_answersItsKeysInAFixedOrder() {
        String report = http.postForObject("/actuator/wechatquota", action("sync"), String.class);

        assertThat(report).matches("\\{\"synced\":\\d+,\"failed\":\\d+,\"skipped\":\\d+,\"failures\":\\[.*]}");
    }

    @Test
    void actuator_postUnknownAction_isABadRequestNamingTheValidActions() {
        ResponseEntity<JsonNode> response = http.postForEntity("/actuator/wechatquota", action("boom"),
                JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("message").asText())
                .isEqualTo("Unknown action 'boom': post {\"action\":\"sync\"}");
        assertThat(response.getBody().get("validActions")).containsExactly(TextNode.valueOf("sync"));
    }

    @Test
    void actuator_postWithoutAction_isABadRequestNamingTheValidActions() {
        ResponseEntity<JsonNode> response = http.postForEntity("/actuator/wechatquota",
                new HttpEntity<>(Map.of(), action("sync").getHeaders()), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("validActions")).containsExactly(TextNode.valueOf("sync"));
    }

    @Test
    void actuator_postUnknownActionForAnApp_namesClearAndSync() {
        ResponseEntity<JsonNode> response = http.postForEntity("/actuator/wechatquota/" + APP_ID, action("reset"),
                JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("message").asText())
                .isEqualTo("Unknown action 'reset': post {\"action\":\"clear\"} or {\"action\":\"sync\"}");
    }

    @Test
    void actuator_postToAnUnknownApp_isNotFoundNamingTheKnownOnes() {
        ResponseEntity<JsonNode> response = http.postForEntity("/actuator/wechatquota/wx0000000000000000",
                action("sync"), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody().get("message").asText()).contains("wx0000000000000000").contains(APP_ID);
    }

    @Test
    void health_reportsAnExhaustedQuotaWithoutTakingTheServiceDown() {
        client.createMenu("{}");
        client.createMenu("{}");

        ResponseEntity<JsonNode> response = http.getForEntity("/actuator/health", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode quota = response.getBody().at("/components/wechatQuota");
        assertThat(quota.get("status").asText()).isEqualTo("QUOTA_EXHAUSTED");
        assertThat(quota.at("/details/exhausted").has(APP_ID + " /cgi-bin/menu/create")).isTrue();
        assertThat(response.getBody().get("status").asText()).isEqualTo("QUOTA_EXHAUSTED");
    }

    @Test
    void meters_countCallsByOutcomeAndGaugeWhatRemainsAndTheMargin() {
        accounts.getMenu(OTHER_APP);

        assertThat(meters.get("wechat.quota.calls").tags("app_id", OTHER_APP, "cgi_path", "/cgi-bin/menu/get",
                "outcome", "permitted").counter().count()).isEqualTo(1);
        assertThat(meters.get("wechat.quota.remaining").tags("app_id", OTHER_APP, "cgi_path", "/cgi-bin/menu/get")
                .gauge().value()).isBetween(9998.0, 9999.0); // the first-use sync may hold back the call in flight
        // safety-margin is 0 in these tests (application-it.yml): the margin's ceiling, so also its floor
        assertThat(meters.get("wechat.quota.margin").tags("app_id", OTHER_APP, "cgi_path", "/cgi-bin/menu/get")
                .gauge().value()).isZero();
    }

}
