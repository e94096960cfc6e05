package io.github.wechatquota.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.forecast.QuotaForecaster;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Health with the forecast: a quota with plenty left today is still {@code QUOTA_LOW} when at the current rate it runs
 * out before midnight. The guard is real, on a clock at 10:00 China time; the day's calls were made at midnight.
 */
class QuotaHealthForecastTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String APP_ID = "wx0123456789abcdef";
    private static final String SECRET = "health-forecast-secret-3c9d";
    private static final String SEND = "/cgi-bin/message/custom/send";

    private final MutableClock clock = MutableClock.at(chinaTime(0), CHINA);
    private WeChatSimulator weChat;
    private QuotaGuard guard;
    private GuardedApi send;

    @BeforeEach
    void start() {
        weChat = WeChatSimulator.builder().clock(clock)
                .account(APP_ID, SECRET, io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT).start();
        guard = QuotaGuard.builder().apiBaseUrl(weChat.baseUri()).clock(clock)
                .app(AppSettings.builder(APP_ID, AccountType.OFFICIAL_ACCOUNT).secret(SECRET).build())
                .safetyMargin(0).syncInterval(Duration.ZERO).syncOnFirstUse(false).build();
        send = guard.register(ApiDefinition.builder(SEND).dailyLimit(1_000).policy(QuotaPolicy.REJECT).build());
    }

    @AfterEach
    void stop() {
        guard.close();
        weChat.close();
    }

    @Test
    void health_quotaForecastToRunOutBeforeMidnight_isQuotaLow() throws Exception {
        calls(500); // by 10:00: 50 an hour, so the other 500 last until 20:00
        clock.set(chinaTime(10));

        QuotaHealth health = QuotaHealth.of(guard, QuotaForecaster.of(guard, clock, CHINA));

        assertThat(health.status()).isEqualTo(QuotaHealth.QUOTA_LOW);
        assertThat(health.details().get("low")).asInstanceOf(MAP)
                .extractingByKey(APP_ID + " " + SEND).asString().contains("exhaustsAt=" + chinaTime(20));
    }

    @Test
    void health_quotaOutlastingTheDay_isUp() throws Exception {
        calls(300); // by 10:00: 30 an hour, so the other 700 last past midnight
        clock.set(chinaTime(10));

        QuotaHealth health = QuotaHealth.of(guard, QuotaForecaster.of(guard, clock, CHINA));

        assertThat(health.status()).isEqualTo(QuotaHealth.UP);
    }

    private void calls(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            guard.execute(send, APP_ID, () -> "ok");
        }
    }

    private static Instant chinaTime(int hour) {
        return ZonedDateTime.of(2026, 11, 22, hour, 0, 0, 0, CHINA).toInstant();
    }
}
