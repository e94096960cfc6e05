package io.github.wechatquota.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlatformTokenTest extends PlatformTestSupport {

    @Test
    void componentToken_withThePushedTicket_answersTokenAndExpiresIn() {
        JsonNode reply = componentTokenReply(COMPONENT_APP_ID, COMPONENT_SECRET, TICKET);

        assertThat(reply.get("component_access_token").asText()).hasSizeGreaterThan(32);
        assertThat(reply.get("expires_in").asLong()).isEqualTo(7200);
        assertThat(reply.has("errcode")).isFalse();
    }

    @Test
    void componentToken_withAnEarlierTicketStillValid_answersToken() {
        simulator.platforms().pushVerifyTicket(COMPONENT_APP_ID, "ticket@@@second");

        assertThat(componentTokenReply(COMPONENT_APP_ID, COMPONENT_SECRET, TICKET).has("component_access_token"))
                .isTrue();
    }

    @Test
    void componentToken_withATicketNeverPushed_answers61006() {
        assertThat(errcode(componentTokenReply(COMPONENT_APP_ID, COMPONENT_SECRET, "ticket@@@forged")))
                .isEqualTo(61006);
    }

    @Test
    void componentToken_twelveHoursAfterTheTicket_answers61005() {
        clock.advance(Duration.ofHours(12));

        assertThat(errcode(componentTokenReply(COMPONENT_APP_ID, COMPONENT_SECRET, TICKET))).isEqualTo(61005);
    }

    @Test
    void componentToken_withAWrongSecret_answers40125() {
        assertThat(errcode(componentTokenReply(COMPONENT_APP_ID, "wrong", TICKET))).isEqualTo(40125);
    }

    @Test
    void componentToken_forAnUnknownPlatform_answers61011() {
        assertThat(errcode(componentTokenReply("wxnoplatform000001", COMPONENT_SECRET, TICKET))).isEqualTo(61011);
    }

    @Test
    void componentToken_withoutAppid_answers41002() {
        JsonNode reply = http.post(WeChatSimulator.COMPONENT_TOKEN_PATH, "{\"component_appsecret\":\"s\"}");

        assertThat(errcode(reply)).isEqualTo(41002);
    }

    @Test
    void componentToken_pastItsDailyLimit_answers45009() {
        simulator.setDailyLimit(COMPONENT_APP_ID, WeChatSimulator.COMPONENT_TOKEN_PATH, 2);
        componentToken();
        componentToken();

        assertThat(errcode(componentTokenReply(COMPONENT_APP_ID, COMPONENT_SECRET, TICKET))).isEqualTo(45009);
        assertThat(simulator.quota(COMPONENT_APP_ID, WeChatSimulator.COMPONENT_TOKEN_PATH).used()).isEqualTo(2);
    }

    @Test
    void authorizerToken_withTheRefreshToken_answersTokenExpiresInAndRefreshToken() {
        JsonNode reply = authorizerTokenReply(componentToken(), AUTHORIZER_APP_ID, REFRESH_TOKEN);

        assertThat(reply.get("authorizer_access_token").asText()).hasSizeGreaterThan(32);
        assertThat(reply.get("expires_in").asLong()).isEqualTo(7200);
        assertThat(reply.get("authorizer_refresh_token").asText()).isEqualTo(REFRESH_TOKEN);
    }

    @Test
    void authorizerToken_withAWrongRefreshToken_answers61023() {
        assertThat(errcode(authorizerTokenReply(componentToken(), AUTHORIZER_APP_ID, "refreshtoken@@@other")))
                .isEqualTo(61023);
    }

    @Test
    void authorizerToken_forAnAccountNotAuthorized_answers61003() {
        assertThat(errcode(authorizerTokenReply(componentToken(), WeChatHttp.APP_ID, REFRESH_TOKEN)))
                .isEqualTo(61003);
    }

    @Test
    void authorizerToken_withAnAccountsOwnAccessToken_answers40001() {
        assertThat(errcode(authorizerTokenReply(http.accessToken(), AUTHORIZER_APP_ID, REFRESH_TOKEN)))
                .isEqualTo(40001);
    }

    @Test
    void authorizerToken_withAnExpiredComponentToken_answers42001() {
        String componentToken = componentToken();
        clock.advance(Duration.ofSeconds(7200));

        assertThat(errcode(authorizerTokenReply(componentToken, AUTHORIZER_APP_ID, REFRESH_TOKEN))).isEqualTo(42001);
    }

    @Test
    void authorizerToken_withoutComponentToken_answers41001() {
        JsonNode reply = http.post(WeChatSimulator.AUTHORIZER_TOKEN_PATH, "{}");

        assertThat(errcode(reply)).isEqualTo(41001);
    }

    @Test
    void authorizerToken_pastItsDailyLimit_answers45009_countedOnThePlatform() {
        simulator.setDailyLimit(COMPONENT_APP_ID, WeChatSimulator.AUTHORIZER_TOKEN_PATH, 1);
        String componentToken = componentToken();
        authorizerTokenReply(componentToken, AUTHORIZER_APP_ID, REFRESH_TOKEN);

        assertThat(errcode(authorizerTokenReply(componentToken, AUTHORIZER_APP_ID, REFRESH_TOKEN))).isEqualTo(45009);
        assertThat(simulator.quota(COMPONENT_APP_ID, WeChatSimulator.AUTHORIZER_TOKEN_PATH).used()).isEqualTo(1);
    }

    @Test
    void authorizerToken_isRecordedForTheAccountThroughThePlatform() {
        authorizerToken();

        RecordedCall call = simulator.calls(WeChatSimulator.AUTHORIZER_TOKEN_PATH).get(0);
        assertThat(call.appId()).isEqualTo(AUTHORIZER_APP_ID);
        assertThat(call.componentAppId()).isEqualTo(COMPONENT_APP_ID);
        assertThat(call.succeeded()).isTrue();
    }

    @Test
    void builder_servesPlatformsAndAuthorizers() {
        try (WeChatSimulator other = WeChatSimulator.builder()
                .platform("wxcomponent0000002", "secret-2")
                .authorizer("wxcomponent0000002", "wxauthorizer000002", "refreshtoken@@@2", AccountType.MINI_PROGRAM)
                .start()) {
            assertThat(other.platforms().authorizedCount("wxcomponent0000002")).isEqualTo(1);
        }
    }

    @Test
    void builder_refusesAnAuthorizerOfAPlatformNotAdded() {
        assertThatThrownBy(() -> WeChatSimulator.builder()
                .authorizer("wxcomponent0000009", "wxauthorizer000002", "refreshtoken@@@2", AccountType.MINI_PROGRAM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wxcomponent0000009");
    }
}
