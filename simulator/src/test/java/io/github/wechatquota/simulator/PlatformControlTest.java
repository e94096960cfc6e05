package io.github.wechatquota.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** {@code /_simulator/ticket} and the component minute limit on {@code /_simulator/quota}, for a process. */
class PlatformControlTest extends PlatformTestSupport {

    @Test
    void ticket_pushedOverControl_isAcceptedByTheComponentTokenApi() {
        http.post("/_simulator/ticket", "{\"component_appid\":\"" + COMPONENT_APP_ID
                + "\",\"component_verify_ticket\":\"ticket@@@pushed\"}");

        assertThat(componentTokenReply(COMPONENT_APP_ID, COMPONENT_SECRET, "ticket@@@pushed")
                .has("component_access_token")).isTrue();
    }

    @Test
    void ticket_forAnUnknownPlatform_answers400SayingWhy() {
        var response = http.send(HttpRequest.newBuilder(simulator.baseUri().resolve("/_simulator/ticket"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"component_appid\":\"wxnoplatform000001\",\"component_verify_ticket\":\"t\"}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("wxnoplatform000001");
    }

    @Test
    void quota_setsTheComponentMinuteLimit() {
        http.post("/_simulator/quota", "{\"appid\":\"" + AUTHORIZER_APP_ID + "\",\"cgi_path\":\"" + MENU_CREATE
                + "\",\"component_per_minute_limit\":5}");

        JsonNode reply = apiQuota(authorizerToken(), MENU_CREATE);

        assertThat(reply.at("/component_rate_limit/call_count").asLong()).isEqualTo(5);
    }
}
