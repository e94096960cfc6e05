package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import org.junit.jupiter.api.Test;

/** The builders of per-API settings, rules and app settings: what is not set reads as empty. */
class SettingsBuildersTest {

    @Test
    void none_readsEveryValueAsUnset() {
        assertThat(ApiSettings.NONE.dailyLimit()).isEmpty();
        assertThat(ApiSettings.NONE.perMinuteLimit()).isEmpty();
        assertThat(ApiSettings.NONE.policy()).isEmpty();
        assertThat(ApiSettings.NONE.reserve()).isEmpty();
    }

    @Test
    void builder_withNothingSet_isNone() {
        assertThat(ApiSettings.builder().build()).isSameAs(ApiSettings.NONE);
    }

    @Test
    void builder_readsBackEveryValueByName() {
        ApiSettings settings = ApiSettings.builder().dailyLimit(500).perMinuteLimit(20).policy(QuotaPolicy.WAIT)
                .reserve(0.05).build();

        assertThat(settings.dailyLimit()).hasValue(500);
        assertThat(settings.perMinuteLimit()).hasValue(20);
        assertThat(settings.policy()).contains(QuotaPolicy.WAIT);
        assertThat(settings.reserve()).hasValue(0.05);
        assertThat(settings).hasToString("ApiSettings[dailyLimit=500, perMinuteLimit=20, policy=WAIT, reserve=0.05]");
    }

    @Test
    void policy_default_readsAsUnset() {
        assertThat(ApiSettings.builder().policy(QuotaPolicy.DEFAULT).build().policy()).isEmpty();
    }

    @Test
    void rule_readsUnsetValuesAsEmpty() {
        QuotaRule rule = QuotaRule.forPattern("/cgi-bin/message/**").build();

        assertThat(rule.match()).isEqualTo("/cgi-bin/message/**");
        assertThat(rule.appId()).isEmpty();
        assertThat(rule.policy()).isEmpty();
        assertThat(rule.reserve()).isEmpty();
        assertThat(rule.dailyLimit()).isEmpty();
        assertThat(rule.perMinuteLimit()).isEmpty();
    }

    @Test
    void rule_readsBackEveryValueByName() {
        QuotaRule rule = QuotaRule.forPattern("/cgi-bin/message/**").appId("wx0123456789abcdef")
                .policy(QuotaPolicy.WAIT).reserve(0.1).dailyLimit(100).perMinuteLimit(5).build();

        assertThat(rule.appId()).contains("wx0123456789abcdef");
        assertThat(rule.policy()).contains(QuotaPolicy.WAIT);
        assertThat(rule.reserve()).hasValue(0.1);
        assertThat(rule.dailyLimit()).hasValue(100);
        assertThat(rule.perMinuteLimit()).hasValue(5);
        assertThat(rule).isEqualTo(QuotaRule.forPattern("/cgi-bin/message/**").appId("wx0123456789abcdef")
                .policy(QuotaPolicy.WAIT).reserve(0.1).dailyLimit(100).perMinuteLimit(5).build());
    }

    @Test
    void rule_policyFactory_setsOnlyThePolicy() {
        assertThat(QuotaRule.policy("/**", QuotaPolicy.WAIT))
                .isEqualTo(QuotaRule.forPattern("/**").policy(QuotaPolicy.WAIT).build());
    }

    @Test
    void app_readsAbsentSecretAsEmptyAndHidesAGivenOne() {
        AppSettings bare = AppSettings.of("wx0123456789abcdef", AccountType.OFFICIAL_ACCOUNT);
        AppSettings withSecret = AppSettings.builder("wx0123456789abcdef", AccountType.OFFICIAL_ACCOUNT)
                .secret("top-secret").build();

        assertThat(bare.secret()).isEmpty();
        assertThat(withSecret.secret()).contains("top-secret");
        assertThat(withSecret.toString()).doesNotContain("top-secret");
    }

    @Test
    void app_blankSecret_readsAsUnset() {
        assertThat(AppSettings.builder("wx0123456789abcdef", AccountType.OFFICIAL_ACCOUNT).secret(" ").build()
                .secret()).isEmpty();
    }

    @Test
    void app_sameApiTwice_isRejected() {
        AppSettings.Builder app = AppSettings.builder("wx0123456789abcdef", AccountType.OFFICIAL_ACCOUNT)
                .api("/cgi-bin/menu/create", ApiSettings.NONE);

        assertThatThrownBy(() -> app.api("/cgi-bin/menu/create", ApiSettings.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("settings of /cgi-bin/menu/create for wx0123456789abcdef were already given");
    }
}
