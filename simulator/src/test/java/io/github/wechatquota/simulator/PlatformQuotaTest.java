package io.github.wechatquota.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlatformQuotaTest extends PlatformTestSupport {

    @Test
    void callWithAuthorizerToken_countsAgainstTheAuthorizedAccount() {
        String token = authorizerToken();

        assertThat(errcode(http.call(MENU_CREATE, token, "{}"))).isZero();

        assertThat(simulator.quota(AUTHORIZER_APP_ID, MENU_CREATE).used()).isEqualTo(1);
        assertThat(simulator.quota(WeChatHttp.APP_ID, MENU_CREATE).used()).isZero();
        RecordedCall call = simulator.calls(MENU_CREATE).get(0);
        assertThat(call.appId()).isEqualTo(AUTHORIZER_APP_ID);
        assertThat(call.componentAppId()).isEqualTo(COMPONENT_APP_ID);
    }

    @Test
    void callWithAuthorizerToken_pastTheAccountsDailyLimit_answers45009() {
        simulator.setDailyLimit(AUTHORIZER_APP_ID, MENU_CREATE, 1);
        String token = authorizerToken();
        http.call(MENU_CREATE, token, "{}");

        assertThat(errcode(http.call(MENU_CREATE, token, "{}"))).isEqualTo(45009);
    }

    @Test
    void apiQuota_withAuthorizerToken_answersForTheAuthorizedAccount() {
        simulator.setUsed(AUTHORIZER_APP_ID, MENU_CREATE, 40);
        simulator.setDailyLimit(AUTHORIZER_APP_ID, MENU_CREATE, 1000);

        JsonNode reply = apiQuota(authorizerToken(), MENU_CREATE);

        assertThat(reply.at("/quota/daily_limit").asLong()).isEqualTo(1000);
        assertThat(reply.at("/quota/used").asLong()).isEqualTo(40);
        assertThat(reply.at("/quota/remain").asLong()).isEqualTo(960);
    }

    @Test
    void apiQuota_withAuthorizerToken_answersRateLimitAndComponentRateLimit() {
        simulator.setPerMinuteLimit(AUTHORIZER_APP_ID, MENU_CREATE, 100);
        simulator.platforms().setComponentRateLimit(AUTHORIZER_APP_ID, MENU_CREATE, 30);

        JsonNode reply = apiQuota(authorizerToken(), MENU_CREATE);

        assertThat(reply.at("/rate_limit/call_count").asLong()).isEqualTo(100);
        assertThat(reply.at("/rate_limit/refresh_second").asLong()).isEqualTo(60);
        assertThat(reply.at("/component_rate_limit/call_count").asLong()).isEqualTo(30);
        assertThat(reply.at("/component_rate_limit/refresh_second").asLong()).isEqualTo(60);
    }

    @Test
    void apiQuota_withoutComponentLimit_leavesComponentRateLimitOut() {
        assertThat(apiQuota(authorizerToken(), MENU_CREATE).has("component_rate_limit")).isFalse();
    }

    @Test
    void apiQuota_withComponentToken_answersForThePlatformsOwnApis() {
        simulator.setDailyLimit(COMPONENT_APP_ID, WeChatSimulator.AUTHORIZER_TOKEN_PATH, 2000);
        String componentToken = componentToken();
        authorizerTokenReply(componentToken, AUTHORIZER_APP_ID, REFRESH_TOKEN);

        JsonNode reply = apiQuota(componentToken, WeChatSimulator.AUTHORIZER_TOKEN_PATH);

        assertThat(reply.at("/quota/daily_limit").asLong()).isEqualTo(2000);
        assertThat(reply.at("/quota/used").asLong()).isEqualTo(1);
    }

    @Test
    void apiQuota_withComponentToken_forAnOfficialAccountApi_answers76022() {
        assertThat(errcode(apiQuota(componentToken(), MENU_CREATE))).isEqualTo(76022);
    }

    @Test
    void componentRateLimit_holdsThePlatformsCallsForTheAccount() {
        simulator.platforms().setComponentRateLimit(AUTHORIZER_APP_ID, MENU_CREATE, 2);
        String token = authorizerToken();
        http.call(MENU_CREATE, token, "{}");
        http.call(MENU_CREATE, token, "{}");

        assertThat(errcode(http.call(MENU_CREATE, token, "{}"))).isEqualTo(45011);
    }

    @Test
    void componentRateLimit_leavesTheAccountsOwnCallsAlone() {
        simulator.addAccount(new SimulatedAccount("wxauthorizer000003", "own-secret", AccountType.OFFICIAL_ACCOUNT));
        simulator.platforms().authorize(COMPONENT_APP_ID, "wxauthorizer000003", "refreshtoken@@@3",
                AccountType.OFFICIAL_ACCOUNT);
        simulator.platforms().setComponentRateLimit("wxauthorizer000003", MENU_CREATE, 1);
        String platformToken = simulator.platforms().issueAuthorizerToken(COMPONENT_APP_ID, "wxauthorizer000003");
        String ownToken = http.token("wxauthorizer000003", "own-secret").get("access_token").asText();
        http.call(MENU_CREATE, platformToken, "{}");

        assertThat(errcode(http.call(MENU_CREATE, ownToken, "{}"))).isZero();
        assertThat(errcode(http.call(MENU_CREATE, platformToken, "{}"))).isEqualTo(45011);
        assertThat(simulator.quota("wxauthorizer000003", MENU_CREATE).used()).isEqualTo(2);
    }

    @Test
    void componentRateLimit_refillsInTheNextMinute() {
        simulator.platforms().setComponentRateLimit(AUTHORIZER_APP_ID, MENU_CREATE, 1);
        String token = authorizerToken();
        http.call(MENU_CREATE, token, "{}");

        clock.advance(Duration.ofMinutes(1));

        assertThat(errcode(http.call(MENU_CREATE, token, "{}"))).isZero();
    }

    @Test
    void thousandsOfAuthorizedAccounts_areEachCountedOnTheirOwn() {
        for (int i = 0; i < 5_000; i++) {
            simulator.platforms().authorize(COMPONENT_APP_ID, String.format("wxmany%012d", i), "refreshtoken@@@" + i,
                    AccountType.MINI_PROGRAM);
        }
        String componentToken = componentToken();

        for (int i = 0; i < 5_000; i += 500) {
            String appId = String.format("wxmany%012d", i);
            String token = authorizerTokenReply(componentToken, appId, "refreshtoken@@@" + i)
                    .get("authorizer_access_token").asText();
            for (int call = 0; call <= i / 500; call++) {
                assertThat(errcode(http.call("/wxa/msg_sec_check", token, "{}"))).isZero();
            }
        }

        assertThat(simulator.platforms().authorizedCount(COMPONENT_APP_ID)).isEqualTo(5_001);
        assertThat(simulator.quota("wxmany000000000000", "/wxa/msg_sec_check").used()).isEqualTo(1);
        assertThat(simulator.quota("wxmany000000004500", "/wxa/msg_sec_check").used()).isEqualTo(10);
        assertThat(simulator.quota("wxmany000000000001", "/wxa/msg_sec_check").used()).isZero();
    }
}
