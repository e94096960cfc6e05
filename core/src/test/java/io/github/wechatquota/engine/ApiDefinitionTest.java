package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.annotation.QuotaPolicy;
import org.junit.jupiter.api.Test;

class ApiDefinitionTest {

    private static final String MENU_CREATE = "/cgi-bin/menu/create";

    @Test
    void of_path_leavesEverythingElseUnset() {
        assertThat(ApiDefinition.of(MENU_CREATE))
                .isEqualTo(new ApiDefinition(MENU_CREATE, -1, -1, QuotaPolicy.DEFAULT, 1, false));
    }

    @Test
    void new_dailyLimitZero_isRejectedNamingItAndTheValue() {
        assertThatThrownBy(() -> new ApiDefinition(MENU_CREATE, 0, -1, QuotaPolicy.REJECT, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dailyLimit of /cgi-bin/menu/create must be positive, or -1 for unset; was 0");
    }

    @Test
    void new_negativeDailyLimitOtherThanMinusOne_isRejected() {
        assertThatThrownBy(() -> new ApiDefinition(MENU_CREATE, -5, -1, QuotaPolicy.REJECT, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dailyLimit of /cgi-bin/menu/create must be positive, or -1 for unset; was -5");
    }

    @Test
    void new_perMinuteLimitZero_isRejectedNamingItAndTheValue() {
        assertThatThrownBy(() -> new ApiDefinition(MENU_CREATE, -1, 0, QuotaPolicy.REJECT, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perMinuteLimit of /cgi-bin/menu/create must be positive, or -1 for unset; was 0");
    }

    @Test
    void new_negativePerMinuteLimit_isRejected() {
        assertThatThrownBy(() -> new ApiDefinition(MENU_CREATE, -1, -7, QuotaPolicy.REJECT, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perMinuteLimit of /cgi-bin/menu/create must be positive, or -1 for unset; was -7");
    }

    @Test
    void new_costZero_isRejected() {
        assertThatThrownBy(() -> new ApiDefinition(MENU_CREATE, -1, -1, QuotaPolicy.REJECT, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost of /cgi-bin/menu/create must be at least 1, was 0");
    }

    @Test
    void new_costAboveTheDailyLimit_isRejected() {
        assertThatThrownBy(() -> new ApiDefinition(MENU_CREATE, 10, -1, QuotaPolicy.REJECT, 11, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost of /cgi-bin/menu/create (11) exceeds its dailyLimit (10): no call could ever be made");
    }

    @Test
    void new_costEqualToTheDailyLimit_isAccepted() {
        assertThat(new ApiDefinition(MENU_CREATE, 10, -1, QuotaPolicy.REJECT, 10, false).cost()).isEqualTo(10);
    }

    @Test
    void new_fallbackPolicyWithoutFallback_isRejected() {
        assertThatThrownBy(() -> new ApiDefinition(MENU_CREATE, -1, -1, QuotaPolicy.FALLBACK, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onExhausted = FALLBACK on /cgi-bin/menu/create needs a fallbackMethod: name a method "
                        + "with the same parameters");
    }

    @Test
    void new_badCgiPath_isRejectedWithTheCgiPathProblem() {
        assertThatThrownBy(() -> new ApiDefinition("https://api.weixin.qq.com/cgi-bin/menu/create", -1, -1,
                QuotaPolicy.REJECT, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cgi_path 'https://api.weixin.qq.com/cgi-bin/menu/create' must not include a "
                        + "scheme or host");
    }

    @Test
    void new_nullPolicy_isRejected() {
        assertThatThrownBy(() -> new ApiDefinition(MENU_CREATE, -1, -1, null, 1, false))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("policy");
    }
}
