package io.github.wechatquota.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void stableToken_toString_masksTheToken() {
        StableToken token = new StableToken("88_secretTokenValue", Duration.ofHours(2));

        assertThat(token).hasToString("StableToken[accessToken=***, expiresIn=PT2H]");
    }

    @Test
    void stableToken_withoutToken_throwsNamingIt() {
        assertThatThrownBy(() -> new StableToken(null, Duration.ofHours(2)))
                .isInstanceOf(NullPointerException.class).hasMessage("accessToken");
    }

    @Test
    void apiQuota_withNullRateLimit_throwsNamingIt() {
        assertThatThrownBy(() -> new ApiQuota(1, 0, 1, null, java.util.Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessage("rateLimit");
    }

    @Test
    void errcodes_quotaExceeded_isDailyOrMinuteLimit() {
        assertThat(Errcodes.isQuotaExceeded(45009)).isTrue();
        assertThat(Errcodes.isQuotaExceeded(45011)).isTrue();
        assertThat(Errcodes.isQuotaExceeded(45047)).isFalse();
        assertThat(Errcodes.isQuotaExceeded(0)).isFalse();
    }

    @Test
    void errcodes_tokenRejected_isInvalidOrExpiredToken() {
        assertThat(Errcodes.isTokenRejected(40001)).isTrue();
        assertThat(Errcodes.isTokenRejected(40014)).isTrue();
        assertThat(Errcodes.isTokenRejected(42001)).isTrue();
        assertThat(Errcodes.isTokenRejected(40013)).isFalse();
    }

    @Test
    void errcodes_systemBusy_isMinusOne() {
        assertThat(Errcodes.isSystemBusy(-1)).isTrue();
        assertThat(Errcodes.isSystemBusy(0)).isFalse();
    }
}
