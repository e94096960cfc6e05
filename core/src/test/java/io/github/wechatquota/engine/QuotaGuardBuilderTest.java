package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaGuardBuilderTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String OTHER_APP = "wxfedcba9876543210";
    private static final String SEND = "/cgi-bin/message/custom/send";

    private static AppSettings app(String appId) {
        return AppSettings.of(appId, AccountType.OFFICIAL_ACCOUNT);
    }

    /** A builder whose guard starts no periodic sync. */
    private static QuotaGuardBuilder builder() {
        return QuotaGuard.builder().syncInterval(Duration.ZERO).syncOnFirstUse(false);
    }

    // ---- setters ----------------------------------------------------------------------------------------------

    @Test
    void defaultPolicy_default_isRefused() {
        assertThatThrownBy(() -> builder().defaultPolicy(QuotaPolicy.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default-policy must be reject, wait or clear-and-retry; DEFAULT cannot apply to every API");
    }

    @Test
    void defaultPolicy_fallback_isRefused() {
        assertThatThrownBy(() -> builder().defaultPolicy(QuotaPolicy.FALLBACK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default-policy must be reject, wait or clear-and-retry; FALLBACK cannot apply to every "
                        + "API");
    }

    @Test
    void defaultPolicy_waitRejectOrClear_isAccepted() {
        assertThatCode(() -> builder().defaultPolicy(QuotaPolicy.WAIT).defaultPolicy(QuotaPolicy.REJECT)
                .defaultPolicy(QuotaPolicy.CLEAR_AND_RETRY)).doesNotThrowAnyException();
    }

    @Test
    void safetyMargin_negative_isRefused() {
        assertThatThrownBy(() -> builder().safetyMargin(-0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("safety-margin must be a fraction within [0, 1), e.g. 0.01; was -0.01");
    }

    @Test
    void safetyMargin_one_isRefused() {
        assertThatThrownBy(() -> builder().safetyMargin(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("safety-margin must be a fraction within [0, 1), e.g. 0.01; was 1.0");
    }

    @Test
    void safetyMargin_notANumber_isRefused() {
        assertThatThrownBy(() -> builder().safetyMargin(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("safety-margin must be a fraction within [0, 1), e.g. 0.01; was NaN");
    }

    @Test
    void clears_maxPerMonthZero_isRefused() {
        assertThatThrownBy(() -> builder().clears(true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clear.max-per-month must be within [1, 10] (WeChat allows ten a month, console "
                        + "included); was 0");
    }

    @Test
    void clears_maxPerMonthEleven_isRefused() {
        assertThatThrownBy(() -> builder().clears(true, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clear.max-per-month must be within [1, 10] (WeChat allows ten a month, console "
                        + "included); was 11");
    }

    @Test
    void clears_maxPerMonthTen_isAccepted() {
        assertThatCode(() -> builder().clears(true, 10)).doesNotThrowAnyException();
    }

    @Test
    void retry_maxAttemptsZero_isRefused() {
        assertThatThrownBy(() -> builder().retry(0, Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry.max-attempts must be at least 1, was 0");
    }

    @Test
    void retry_negativeBackoff_isRefused() {
        assertThatThrownBy(() -> builder().retry(3, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry.initial-backoff must not be negative, was PT-0.001S");
    }

    @Test
    void syncInterval_negative_isRefused() {
        assertThatThrownBy(() -> builder().syncInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sync.interval must not be negative, was PT-1S");
    }

    @Test
    void maxWait_negative_isRefused() {
        assertThatThrownBy(() -> builder().maxWait(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max-wait must not be negative, was PT-5S");
    }

    @Test
    void syncConcurrency_zero_isRefused() {
        assertThatThrownBy(() -> builder().syncConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sync.concurrency must be at least 1, was 0");
    }

    @Test
    void keyPrefix_withWhitespace_isRefused() {
        assertThatThrownBy(() -> builder().keyPrefix("wx q"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key-prefix must be non-empty without whitespace, was 'wx q'");
    }

    @Test
    void keyPrefix_empty_isRefused() {
        assertThatThrownBy(() -> builder().keyPrefix(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key-prefix must be non-empty without whitespace, was ''");
    }

    @Test
    void waybillLowBalance_negative_isRefused() {
        assertThatThrownBy(() -> builder().waybillLowBalance(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waybill low-balance threshold must not be negative, was -1");
    }

    @Test
    void app_addedTwice_isRefused() {
        QuotaGuardBuilder builder = builder().app(app(APP_ID));

        assertThatThrownBy(() -> builder.app(app(APP_ID)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("app wx0123456789abcdef was already added");
    }

    // ---- settings records -------------------------------------------------------------------------------------

    @Test
    void rule_patternWithoutLeadingSlash_isRefused() {
        assertThatThrownBy(() -> QuotaRule.policy("cgi-bin/message/**", QuotaPolicy.WAIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Rule pattern 'cgi-bin/message/**' must start with '/', e.g. /cgi-bin/message/**");
    }

    @Test
    void rule_dailyLimitZero_isRefused() {
        assertThatThrownBy(() -> QuotaRule.forPattern("/cgi-bin/**").dailyLimit(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("daily-limit must be positive, was 0: to set no limit, leave it unset");
    }

    @Test
    void rule_perMinuteLimitNegative_isRefused() {
        assertThatThrownBy(() -> QuotaRule.forPattern("/cgi-bin/**").perMinuteLimit(-3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("per-minute-limit must be positive, was -3: to set no limit, leave it unset");
    }

    @Test
    void rule_reserveOfOne_isRefused() {
        assertThatThrownBy(() -> QuotaRule.forPattern("/cgi-bin/**").reserve(1.0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reserve must be a fraction within [0, 1), e.g. 0.05; was 1.0");
    }

    @Test
    void rule_blankAppId_isRefusedNamingTheFix() {
        assertThatThrownBy(() -> QuotaRule.forPattern("/**").appId(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("appId of rule /** must not be blank: leave it unset for every account");
    }

    @Test
    void rule_defaultPolicy_readsAsUnset() {
        assertThat(QuotaRule.policy("/cgi-bin/**", QuotaPolicy.DEFAULT).policy()).isEmpty();
    }

    @Test
    void apiSettings_dailyLimitZero_isRefused() {
        assertThatThrownBy(() -> ApiSettings.builder().dailyLimit(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("daily-limit must be positive, was 0: to set no limit, leave it unset");
    }

    @Test
    void apiSettings_negativeReserve_isRefused() {
        assertThatThrownBy(() -> ApiSettings.builder().reserve(-0.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reserve must be a fraction within [0, 1), e.g. 0.05; was -0.5");
    }

    @Test
    void appSettings_badCgiPathKey_isRefused() {
        assertThatThrownBy(() -> AppSettings.builder(APP_ID, AccountType.OFFICIAL_ACCOUNT)
                .api("cgi-bin/menu/create", ApiSettings.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cgi_path 'cgi-bin/menu/create' must start with '/'");
    }

    @Test
    void appSettings_blankAppId_isRefused() {
        assertThatThrownBy(() -> AppSettings.of(" ", AccountType.OFFICIAL_ACCOUNT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("appId must not be blank");
    }

    // ---- build ------------------------------------------------------------------------------------------------

    @Test
    void build_defaultAppNotConfigured_isRefused() {
        QuotaGuardBuilder builder = builder().app(app(APP_ID)).defaultAppId(OTHER_APP);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default app wxfedcba9876543210 is not among the configured apps [wx0123456789abcdef]");
    }

    @Test
    void build_marginPlusApiReserveOfOne_isRefused() {
        QuotaGuardBuilder builder = builder().safetyMargin(0.5)
                .app(AppSettings.builder(APP_ID, AccountType.OFFICIAL_ACCOUNT).api(SEND, ApiSettings.builder()
                        .reserve(0.5).build()).build());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("safety-margin (0.5) plus reserve (0.5) of wx0123456789abcdef /cgi-bin/message/custom/send "
                        + "leaves nothing to call with; keep their sum below 1");
    }

    @Test
    void build_marginPlusRuleReserveAboveOne_isRefused() {
        QuotaGuardBuilder builder = builder().safetyMargin(0.5).app(app(APP_ID))
                .rule(QuotaRule.forPattern("/cgi-bin/message/**").reserve(0.6).build());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("safety-margin (0.5) plus reserve (0.6) of rule /cgi-bin/message/** leaves nothing to call "
                        + "with; keep their sum below 1");
    }

    @Test
    void build_withOneApp_makesItTheDefault() {
        try (QuotaGuard guard = builder().app(app(APP_ID)).build()) {
            assertThat(guard.appIds()).containsExactly(APP_ID);
            assertThat(guard.register(ApiDefinition.of(SEND)).definition().cgiPath()).isEqualTo(SEND);
        }
    }

    @Test
    void call_withSeveralAppsAndNoDefault_saysToSetOne() {
        try (QuotaGuard guard = builder().app(app(APP_ID)).app(app(OTHER_APP)).build()) {
            GuardedApi api = guard.register(ApiDefinition.of(SEND));

            assertThatThrownBy(() -> guard.execute(api, null, () -> "call"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("No appid for /cgi-bin/message/custom/send: several apps are configured ("
                            + APP_ID + ", " + OTHER_APP + ") and none is the default: set wechat.quota.default-app-id, "
                            + "or give @WeChatApi an appId");
        }
    }
}
