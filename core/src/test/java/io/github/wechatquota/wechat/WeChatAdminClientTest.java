package io.github.wechatquota.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.WeChatApiException;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.SimulatedAccount;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WeChatAdminClientTest extends SimulatedWeChat {

    private static final String MINI_APP = "wxmini0000000001";

    @Test
    void getApiQuota_forMenuCreate_returnsLimitUsedAndRemain() {
        simulator.setUsed(APP_ID, MENU_CREATE, 40);

        ApiQuota quota = client.getApiQuota(token, MENU_CREATE);

        assertThat(quota).isEqualTo(new ApiQuota(1000, 40, 960, Optional.empty(), Optional.empty()));
    }

    @Test
    void getApiQuota_forStableToken_includesRateLimit() {
        ApiQuota quota = client.getApiQuota(token, "/cgi-bin/stable_token");

        assertThat(quota.rateLimit()).contains(new RateLimit(10_000, 60));
        assertThat(quota.componentRateLimit()).isEmpty();
    }

    @Test
    void getApiQuota_forUnknownPath_throws76021() {
        assertThatThrownBy(() -> client.getApiQuota(token, "/cgi-bin/not/an/api"))
                .isInstanceOfSatisfying(WeChatApiException.class,
                        e -> assertThat(e.getErrcode()).isEqualTo(Errcodes.CGI_PATH_NOT_FOUND));
    }

    @Test
    void getApiQuota_forSnsPath_throws76022() {
        assertThatThrownBy(() -> client.getApiQuota(token, "/sns/userinfo"))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> {
                    assertThat(e.getErrcode()).isEqualTo(Errcodes.CGI_PATH_NO_PERMISSION);
                    assertThat(e.getErrmsg()).contains("no permission");
                    assertThat(e).hasMessageContaining("getApiQuota for /sns/userinfo");
                });
    }

    @Test
    void getApiQuota_forPathWithHost_throws76003() {
        assertThatThrownBy(() -> client.getApiQuota(token, "https://api.weixin.qq.com/cgi-bin/menu/create"))
                .isInstanceOfSatisfying(WeChatApiException.class,
                        e -> assertThat(e.getErrcode()).isEqualTo(Errcodes.CGI_PATH_MALFORMED));
    }

    @Test
    void getApiQuota_withExpiredToken_throws42001() {
        simulator.expireTokens(APP_ID);

        assertThatThrownBy(() -> client.getApiQuota(token, MENU_CREATE))
                .isInstanceOfSatisfying(WeChatApiException.class,
                        e -> assertThat(Errcodes.isTokenRejected(e.getErrcode())).isTrue());
    }

    @Test
    void clearQuota_resetsEveryDailyCounter() {
        simulator.setUsed(APP_ID, MENU_CREATE, 1000);
        simulator.setUsed(APP_ID, CUSTOM_SEND, 7);

        client.clearQuota(token, APP_ID);

        assertThat(simulator.quota(APP_ID, MENU_CREATE).used()).isZero();
        assertThat(simulator.quota(APP_ID, CUSTOM_SEND).used()).isZero();
        assertThat(simulator.clearsUsedThisMonth(APP_ID)).isEqualTo(1);
    }

    @Test
    void clearQuota_afterTenClearsThisMonth_throws48006() {
        for (int i = 0; i < 10; i++) {
            client.clearQuota(token, APP_ID);
        }

        assertThatThrownBy(() -> client.clearQuota(token, APP_ID))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> {
                    assertThat(e.getErrcode()).isEqualTo(Errcodes.CLEAR_LIMIT);
                    assertThat(e).hasMessageContaining("clearQuota for appid " + APP_ID);
                });
    }

    @Test
    void clearQuota_forAnotherAppid_throws40013() {
        assertThatThrownBy(() -> client.clearQuota(token, "wx9999999999999999"))
                .isInstanceOfSatisfying(WeChatApiException.class,
                        e -> assertThat(e.getErrcode()).isEqualTo(Errcodes.INVALID_APPID));
    }

    @Test
    void clearQuotaWithSecret_resetsCountersWithoutToken() {
        simulator.setUsed(APP_ID, MENU_CREATE, 1000);

        client.clearQuotaWithSecret(APP_ID, SECRET);

        assertThat(simulator.quota(APP_ID, MENU_CREATE).used()).isZero();
        assertThat(simulator.clearsUsedThisMonth(APP_ID)).isEqualTo(1);
    }

    @Test
    void clearQuotaWithSecret_withWrongSecret_throws40125() {
        assertThatThrownBy(() -> client.clearQuotaWithSecret(APP_ID, "not-the-secret"))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.getErrcode()).isEqualTo(40125));
        assertThat(simulator.clearsUsedThisMonth(APP_ID)).isZero();
    }

    @Test
    void clearQuotaWithSecret_sharesTheMonthlyBudget_throws48006() {
        simulator.setClearsUsedThisMonth(APP_ID, 10);

        assertThatThrownBy(() -> client.clearQuotaWithSecret(APP_ID, SECRET))
                .isInstanceOfSatisfying(WeChatApiException.class,
                        e -> assertThat(e.getErrcode()).isEqualTo(Errcodes.CLEAR_LIMIT));
    }

    @Test
    void clearApiQuota_resetsOnlyThatApi() {
        simulator.setUsed(APP_ID, MENU_CREATE, 1000);
        simulator.setUsed(APP_ID, CUSTOM_SEND, 7);

        client.clearApiQuota(token, MENU_CREATE);

        assertThat(simulator.quota(APP_ID, MENU_CREATE).used()).isZero();
        assertThat(simulator.quota(APP_ID, CUSTOM_SEND).used()).isEqualTo(7);
        assertThat(simulator.apiClearsUsedThisMonth(APP_ID)).isEqualTo(1);
        assertThat(simulator.clearsUsedThisMonth(APP_ID)).isZero();
    }

    @Test
    void getRidInfo_ofDailyLimitedCall_describesIt() {
        simulator.setDailyLimit(APP_ID, MENU_CREATE, 1);
        simulator.setUsed(APP_ID, MENU_CREATE, 1);
        String reply = callBusinessApi(MENU_CREATE, "{\"button\":[]}");
        assertThat(reply).contains("45009");
        String rid = reply.substring(reply.indexOf("rid: ") + 5, reply.lastIndexOf('"'));

        RidInfo info = client.getRidInfo(token, rid);

        assertThat(info.invokeTime()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        assertThat(info.requestUrl()).isEqualTo(MENU_CREATE);
        assertThat(info.requestBody()).isEqualTo("{\"button\":[]}");
        assertThat(info.responseBody()).contains("45009");
        assertThat(info.clientIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void getRidInfo_ofUnknownRid_throws76001() {
        assertThatThrownBy(() -> client.getRidInfo(token, "00000000-00000000-00000000"))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.getErrcode()).isEqualTo(76001));
    }

    @Test
    void getWaybillQuota_answersTheBalance() {
        simulator.addAccount(new SimulatedAccount(MINI_APP, "mini-secret", AccountType.MINI_PROGRAM));
        simulator.setWaybillBalance(MINI_APP, "YTO", "xyz", 210);

        long balance = client.getWaybillQuota(simulator.issueToken(MINI_APP), "YTO", "xyz");

        assertThat(balance).isEqualTo(210);
    }

    @Test
    void getWaybillQuota_fromOfficialAccount_throws48001() {
        assertThatThrownBy(() -> client.getWaybillQuota(token, "YTO", "xyz"))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.getErrcode()).isEqualTo(48001));
    }

    @Test
    void getStableToken_answersUsableTokenAndExpiry() {
        StableToken stable = client.getStableToken(APP_ID, SECRET, false);

        assertThat(stable.expiresIn()).isEqualTo(Duration.ofHours(2));
        assertThat(client.getApiQuota(stable.accessToken(), MENU_CREATE).dailyLimit()).isEqualTo(1000);
    }

    @Test
    void getStableToken_withForceRefresh_answersNewToken() {
        StableToken first = client.getStableToken(APP_ID, SECRET, false);

        StableToken refreshed = client.getStableToken(APP_ID, SECRET, true);

        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
    }

    @Test
    void getStableToken_withWrongSecret_throws40125() {
        assertThatThrownBy(() -> client.getStableToken(APP_ID, "not-the-secret", false))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> {
                    assertThat(e.getErrcode()).isEqualTo(40125);
                    assertThat(e).hasMessageContaining("getStableToken for appid " + APP_ID);
                });
    }

    @Test
    void getApiQuota_sendsCgiPathAsJsonBody() {
        client.getApiQuota(token, MENU_CREATE);

        assertThat(simulator.calls("/cgi-bin/openapi/quota/get")).singleElement()
                .satisfies(call -> {
                    assertThat(call.method()).isEqualTo("POST");
                    assertThat(call.succeeded()).isTrue();
                    assertThat(call.appId()).isEqualTo(APP_ID);
                });
    }
}
