package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.annotation.QuotaPolicy;
import org.junit.jupiter.api.Test;

class ApiDefinitionTest {

    private static final String MENU_CREATE = "/cgi-bin/menu/create";

    @Test
    void of_path_readsEverythingElseAsUnset() {
        ApiDefinition definition = ApiDefinition.of(MENU_CREATE);

        assertThat(definition.cgiPath()).isEqualTo(MENU_CREATE);
        assertThat(definition.dailyLimit()).isEmpty();
        assertThat(definition.perMinuteLimit()).isEmpty();
        assertThat(definition.policy()).isEmpty();
        assertThat(definition.cost()).isEqualTo(1);
        assertThat(definition.hasFallback()).isFalse();
    }

    @Test
    void builder_readsBackEveryValueByName() {
        ApiDefinition definition = ApiDefinition.builder(MENU_CREATE).dailyLimit(500).perMinuteLimit(20)
                .policy(QuotaPolicy.WAIT).cost(2).fallback(true).build();

        assertThat(definition.dailyLimit()).hasValue(500);
        assertThat(definition.perMinuteLimit()).hasValue(20);
        assertThat(definition.policy()).contains(QuotaPolicy.WAIT);
        assertThat(definition.cost()).isEqualTo(2);
        assertThat(definition.hasFallback()).isTrue();
    }

    @Test
    void builder_defaultPolicy_readsAsUnset() {
        assertThat(ApiDefinition.builder(MENU_CREATE).policy(QuotaPolicy.DEFAULT).build().policy()).isEmpty();
    }

    @Test
    void builder_sameValues_giveEqualDefinitions() {
        assertThat(ApiDefinition.builder(MENU_CREATE).dailyLimit(10).cost(2).build())
                .isEqualTo(ApiDefinition.builder(MENU_CREATE).cost(2).dailyLimit(10).build())
                .hasSameHashCodeAs(ApiDefinition.builder(MENU_CREATE).cost(2).dailyLimit(10).build());
    }

    @Test
    void toString_namesOnlyTheValuesSet() {
        assertThat(ApiDefinition.builder(MENU_CREATE).dailyLimit(10).build())
                .hasToString("ApiDefinition[/cgi-bin/menu/create, dailyLimit=10, cost=1]");
    }

    @Test
    void dailyLimit_zero_isRejectedNamingItAndTheValue() {
        assertThatThrownBy(() -> ApiDefinition.builder(MENU_CREATE).dailyLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dailyLimit of /cgi-bin/menu/create must be positive, was 0: to set no limit, leave it "
                        + "unset");
    }

    @Test
    void dailyLimit_minusOne_isRejected() {
        assertThatThrownBy(() -> ApiDefinition.builder(MENU_CREATE).dailyLimit(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dailyLimit of /cgi-bin/menu/create must be positive, was -1: to set no limit, leave it "
                        + "unset");
    }

    @Test
    void perMinuteLimit_negative_isRejectedNamingItAndTheValue() {
        assertThatThrownBy(() -> ApiDefinition.builder(MENU_CREATE).perMinuteLimit(-7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perMinuteLimit of /cgi-bin/menu/create must be positive, was -7: to set no limit, leave "
                        + "it unset");
    }

    @Test
    void cost_zero_isRejected() {
        assertThatThrownBy(() -> ApiDefinition.builder(MENU_CREATE).cost(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost of /cgi-bin/menu/create must be at least 1, was 0");
    }

    @Test
    void build_costAboveTheDailyLimit_isRejected() {
        assertThatThrownBy(() -> ApiDefinition.builder(MENU_CREATE).dailyLimit(10).cost(11).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost of /cgi-bin/menu/create (11) exceeds its dailyLimit (10): no call could ever be made");
    }

    @Test
    void build_costEqualToTheDailyLimit_isAccepted() {
        assertThat(ApiDefinition.builder(MENU_CREATE).dailyLimit(10).cost(10).build().cost()).isEqualTo(10);
    }

    @Test
    void build_fallbackPolicyWithoutFallback_isRejected() {
        assertThatThrownBy(() -> ApiDefinition.builder(MENU_CREATE).policy(QuotaPolicy.FALLBACK).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onExhausted = FALLBACK on /cgi-bin/menu/create needs a fallbackMethod: name a method "
                        + "with the same parameters");
    }

    @Test
    void builder_badCgiPath_isRejectedWithTheCgiPathProblem() {
        assertThatThrownBy(() -> ApiDefinition.builder("https://api.weixin.qq.com/cgi-bin/menu/create"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cgi_path 'https://api.weixin.qq.com/cgi-bin/menu/create' must not include a "
                        + "scheme or host");
    }

    @Test
    void policy_null_isRejected() {
        assertThatThrownBy(() -> ApiDefinition.builder(MENU_CREATE).policy(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("policy");
    }
}
