package io.github.wechatquota.simulator;

import static io.github.wechatquota.simulator.WeChatHttp.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DailyLimitTest extends SimulatorTestSupport {

    @Test
    void businessCall_withinLimit_answersOkAndCounts() {
        String token = http.accessToken();

        assertThat(http.call(CUSTOM_SEND, token, "{}").get("errcode").asInt()).isZero();
        assertThat(simulator.quota(APP_ID, CUSTOM_SEND).used()).isEqualTo(1);
    }

    @Test
    void businessCall_madeWithGet_answersOkAndCounts() {
        // WxJava reads some APIs with GET, e.g. user info: GET /cgi-bin/user/info?openid=...&access_token=...
        String token = http.accessToken();

        assertThat(http.get("/cgi-bin/user/info?openid=o1&lang=zh_CN&access_token=" + token).get("errcode").asInt())
                .isZero();
        assertThat(simulator.quota(APP_ID, "/cgi-bin/user/info").used()).isEqualTo(1);
        assertThat(simulator.calls("/cgi-bin/user/info")).singleElement()
                .satisfies(call -> assertThat(call.method()).isEqualTo("GET"));
    }

    @Test
    void businessCall_pastDailyLimit_answers45009WithRid() {
        simulator.setDailyLimit(APP_ID, MENU_CREATE, 1);
        String token = http.accessToken();
        http.call(MENU_CREATE, token, "{}");

        var reply = http.call(MENU_CREATE, token, "{}");

        assertThat(reply.get("errcode").asInt()).isEqualTo(45009);
        assertThat(reply.get("errmsg").asText()).startsWith("reach max api daily quota limit rid: ");
        assertThat(simulator.quota(APP_ID, MENU_CREATE).used()).isEqualTo(1);
    }

    @Test
    void dailyCount_atMidnightChinaTime_startsAgain() {
        clock.set(ZonedDateTime.of(2026, 11, 22, 23, 59, 59, 0, CHINA).toInstant());
        simulator.setDailyLimit(APP_ID, MENU_CREATE, 1);
        String token = http.accessToken();
        http.call(MENU_CREATE, token, "{}");
        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isEqualTo(45009);

        clock.advance(Duration.ofSeconds(1));

        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isZero();
    }

    @Test
    void dailyCount_atMidnightUtc_doesNotStartAgain() {
        clock.set(ZonedDateTime.of(2026, 11, 22, 23, 59, 59, 0, java.time.ZoneOffset.UTC).toInstant());
        simulator.setDailyLimit(APP_ID, MENU_CREATE, 1);
        String token = http.accessToken();
        http.call(MENU_CREATE, token, "{}");

        clock.advance(Duration.ofSeconds(1));

        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isEqualTo(45009);
    }

    @Test
    void catalog_givesOfficialAccountsTheDocumentedDefaults() {
        assertThat(simulator.quota(APP_ID, CUSTOM_SEND).dailyLimit()).isEqualTo(500_000);
        assertThat(simulator.quota(APP_ID, "/cgi-bin/media/uploadnews").dailyLimit()).isEqualTo(10);
        assertThat(simulator.quota(APP_ID, "/cgi-bin/token").dailyLimit()).isEqualTo(2000);
    }

    @Test
    void catalog_givesTestAccountsTheirOwnTable() {
        simulator.addAccount(new SimulatedAccount("wxtest0000000001", "s", AccountType.TEST_ACCOUNT));

        assertThat(simulator.quota("wxtest0000000001", MENU_CREATE).dailyLimit()).isEqualTo(100);
        assertThat(simulator.quota("wxtest0000000001", CUSTOM_SEND).dailyLimit()).isEqualTo(50_000);
    }

    @Test
    void limitForAll_appliesToEveryAccountWithoutItsOwn() {
        simulator.setDailyLimitForAll(MENU_CREATE, 7);

        assertThat(simulator.quota(APP_ID, MENU_CREATE).dailyLimit()).isEqualTo(7);
    }

    @Test
    void drift_overCountsLikeWeChat() {
        simulator.setDrift(0.01);
        simulator.setDailyLimit(APP_ID, MENU_CREATE, 1000);
        simulator.setUsed(APP_ID, MENU_CREATE, 900);

        assertThat(simulator.quota(APP_ID, MENU_CREATE).used()).isEqualTo(909);
        assertThat(simulator.quota(APP_ID, MENU_CREATE).remain()).isEqualTo(91);
    }

    @Test
    void businessCall_ofAnotherAccountType_answers48001() {
        String token = http.accessToken();

        assertThat(http.call("/wxa/msg_sec_check", token, "{}").get("errcode").asInt()).isEqualTo(48001);
    }

    @Test
    void unknownPath_answersInvalidUrl() {
        assertThat(http.call("/cgi-bin/no/such/api", http.accessToken(), "{}").get("errcode").asInt())
                .isEqualTo(40066);
    }

    @Test
    void pathOutsideTheCatalog_givenALimitByATest_answersAndCounts() {
        simulator.setDailyLimit(APP_ID, "/cgi-bin/message/subscribe/send", 1);
        String token = http.accessToken();

        assertThat(http.call("/cgi-bin/message/subscribe/send", token, "{}").get("errcode").asInt()).isZero();
        assertThat(http.call("/cgi-bin/message/subscribe/send", token, "{}").get("errcode").asInt()).isEqualTo(45009);
    }

    @Test
    void snsPath_needsNoTokenAndHasNoLimit() {
        assertThat(http.get("/sns/oauth2/access_token?appid=" + APP_ID + "&code=c").get("errcode").asInt()).isZero();
    }

    @Test
    void minuteLimit_reached_answers45011UntilTheNextMinute() {
        clock.set(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, CHINA).toInstant());
        simulator.setPerMinuteLimit(APP_ID, CUSTOM_SEND, 2);
        String token = http.accessToken();
        http.call(CUSTOM_SEND, token, "{}");
        http.call(CUSTOM_SEND, token, "{}");
        assertThat(http.call(CUSTOM_SEND, token, "{}").get("errcode").asInt()).isEqualTo(45011);

        clock.advance(Duration.ofSeconds(60));

        assertThat(http.call(CUSTOM_SEND, token, "{}").get("errcode").asInt()).isZero();
    }
}
