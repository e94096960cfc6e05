package io.github.wechatquota.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PlatformClearQuotaTest extends PlatformTestSupport {

    private JsonNode clearPlatform(String secret) {
        return http.post(WeChatSimulator.COMPONENT_CLEAR_QUOTA_PATH, "{\"component_appid\":\"" + COMPONENT_APP_ID
                + "\",\"appsecret\":\"" + secret + "\"}");
    }

    private JsonNode clearFor(String appId) {
        return http.post(WeChatSimulator.COMPONENT_CLEAR_QUOTA_PATH, "{\"appid\":\"" + appId
                + "\",\"component_appid\":\"" + COMPONENT_APP_ID + "\",\"appsecret\":\"" + COMPONENT_SECRET + "\"}");
    }

    @Test
    void clear_withoutAppid_clearsThePlatformsQuotas_andLetsItsTokenApiAnswerAgain() {
        simulator.setDailyLimit(COMPONENT_APP_ID, WeChatSimulator.COMPONENT_TOKEN_PATH, 1);
        componentToken();
        assertThat(errcode(componentTokenReply(COMPONENT_APP_ID, COMPONENT_SECRET, TICKET))).isEqualTo(45009);

        assertThat(errcode(clearPlatform(COMPONENT_SECRET))).isZero();

        assertThat(componentTokenReply(COMPONENT_APP_ID, COMPONENT_SECRET, TICKET).has("component_access_token"))
                .isTrue();
        assertThat(simulator.clearsUsedThisMonth(COMPONENT_APP_ID)).isEqualTo(1);
    }

    @Test
    void clear_withAppid_clearsTheAuthorizedAccountOnly() {
        simulator.setUsed(AUTHORIZER_APP_ID, MENU_CREATE, 500);
        simulator.setUsed(COMPONENT_APP_ID, WeChatSimulator.COMPONENT_TOKEN_PATH, 7);

        assertThat(errcode(clearFor(AUTHORIZER_APP_ID))).isZero();

        assertThat(simulator.quota(AUTHORIZER_APP_ID, MENU_CREATE).used()).isZero();
        assertThat(simulator.quota(COMPONENT_APP_ID, WeChatSimulator.COMPONENT_TOKEN_PATH).used()).isEqualTo(7);
        assertThat(simulator.clearsUsedThisMonth(AUTHORIZER_APP_ID)).isEqualTo(1);
        assertThat(simulator.clearsUsedThisMonth(COMPONENT_APP_ID)).isZero();
    }

    @Test
    void clear_withAppid_pastTenThisMonth_answers48006() {
        for (int i = 0; i < 10; i++) {
            assertThat(errcode(clearFor(AUTHORIZER_APP_ID))).isZero();
        }

        assertThat(errcode(clearFor(AUTHORIZER_APP_ID))).isEqualTo(48006);
        assertThat(simulator.clearsUsedThisMonth(AUTHORIZER_APP_ID)).isEqualTo(10);
    }

    @Test
    void clear_withAppid_sharesTheAccountsMonthlyBudgetWithClearQuota() {
        simulator.setClearsUsedThisMonth(AUTHORIZER_APP_ID, 8);
        String token = authorizerToken();
        assertThat(errcode(http.call("/cgi-bin/clear_quota", token, "{\"appid\":\"" + AUTHORIZER_APP_ID + "\"}")))
                .isZero();

        assertThat(errcode(clearFor(AUTHORIZER_APP_ID))).isZero();

        assertThat(errcode(clearFor(AUTHORIZER_APP_ID))).isEqualTo(48006);
        assertThat(errcode(http.call("/cgi-bin/clear_quota", token, "{\"appid\":\"" + AUTHORIZER_APP_ID + "\"}")))
                .isEqualTo(48006);
    }

    @Test
    void clear_ofThePlatform_pastTenThisMonth_answers48006() {
        simulator.setClearsUsedThisMonth(COMPONENT_APP_ID, 10);

        assertThat(errcode(clearPlatform(COMPONENT_SECRET))).isEqualTo(48006);
    }

    @Test
    void clear_withAWrongSecret_answers40125_andUsesNoClear() {
        assertThat(errcode(clearPlatform("wrong"))).isEqualTo(40125);
        assertThat(simulator.clearsUsedThisMonth(COMPONENT_APP_ID)).isZero();
    }

    @Test
    void clear_forAnAccountNotAuthorizedToThePlatform_answers61003() {
        assertThat(errcode(clearFor(WeChatHttp.APP_ID))).isEqualTo(61003);
        assertThat(simulator.clearsUsedThisMonth(WeChatHttp.APP_ID)).isZero();
    }

    @Test
    void clear_forAnUnknownAppid_answers40013() {
        assertThat(errcode(clearFor("wxnobody0000000001"))).isEqualTo(40013);
    }

    @Test
    void clear_forAnUnknownPlatform_answers40013() {
        JsonNode reply = http.post(WeChatSimulator.COMPONENT_CLEAR_QUOTA_PATH,
                "{\"component_appid\":\"wxnoplatform000001\",\"appsecret\":\"x\"}");

        assertThat(errcode(reply)).isEqualTo(40013);
    }

    @Test
    void clear_withoutAppsecret_answers41004() {
        JsonNode reply = http.post(WeChatSimulator.COMPONENT_CLEAR_QUOTA_PATH,
                "{\"component_appid\":\"" + COMPONENT_APP_ID + "\"}");

        assertThat(errcode(reply)).isEqualTo(41004);
    }

    @Test
    void clear_isRecordedAsThePlatforms() {
        clearFor(AUTHORIZER_APP_ID);

        RecordedCall call = simulator.calls(WeChatSimulator.COMPONENT_CLEAR_QUOTA_PATH).get(0);
        assertThat(call.appId()).isEqualTo(AUTHORIZER_APP_ID);
        assertThat(call.componentAppId()).isEqualTo(COMPONENT_APP_ID);
    }
}
