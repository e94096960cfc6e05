package io.github.wechatquota.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
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
 * Scripted days on a test clock: calls at a known rate through a real guard, read by the forecaster as a scrape would
 * read it, once a minute.
 */
class QuotaForecasterTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String APP_ID = "wx0123456789abcdef";
    private static final String SECRET = "forecast-test-secret-1b7e";
    private static final String SEND = "/cgi-bin/message/custom/send";
    private static final long DAILY_LIMIT = 100_000;
    private static final int PER_MINUTE = 100;

    private final MutableClock clock = MutableClock.at(chinaTime(8, 0), CHINA);
    private WeChatSimulator weChat;
    private QuotaGuard guard;
    private GuardedApi send;
    private QuotaForecaster forecaster;

    @BeforeEach
    void start() {
        weChat = WeChatSimulator.builder().clock(clock)
                .account(APP_ID, SECRET, io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT).start();
        guard = QuotaGuard.builder()
                .apiBaseUrl(weChat.baseUri())
                .clock(clock)
                .app(AppSettings.builder(APP_ID, AccountType.OFFICIAL_ACCOUNT).secret(SECRET).build())
                .safetyMargin(0)
                .syncInterval(Duration.ZERO)
                .syncOnFirstUse(false)
                .build();
        send = guard.register(ApiDefinition.builder(SEND).dailyLimit(DAILY_LIMIT).policy(QuotaPolicy.REJECT).build());
        forecaster = QuotaForecaster.of(guard, clock, CHINA);
    }

    @AfterEach
    void stop() {
        guard.close();
        weChat.close();
    }

    @Test
    void forecast_steadyRateWithABurst_runsOutWhenTheSteadyRateWould() throws Exception {
        callEveryMinute(60);
        calls(5_000); // a burst at 09:00: a campaign, a retry storm
        callEveryMinute(60);

        QuotaForecast forecast = forecaster.forecast(APP_ID, SEND).orElseThrow();

        // 17,000 used by 10:00; the other 83,000 at 100 a minute last 830 minutes: until 23:50.
        assertThat(forecast.basis()).isEqualTo(QuotaForecast.RateBasis.RECENT);
        assertThat(forecast.callsPerSecond()).isCloseTo(PER_MINUTE / 60.0, within(0.05));
        assertThat(Duration.between(chinaTime(23, 50), forecast.exhaustsAt().orElseThrow()).abs())
                .isLessThan(Duration.ofMinutes(5));
        assertThat(forecast.exhaustsBeforeReset()).isTrue();
    }

    @Test
    void forecast_slowerRate_outlastsTheDay() throws Exception {
        for (int minute = 0; minute < 60; minute++) {
            calls(20);
            minutePasses();
        }

        QuotaForecast forecast = forecaster.forecast(APP_ID, SEND).orElseThrow();

        assertThat(forecast.exhaustsAt()).hasValueSatisfying(at -> assertThat(at).isAfter(forecast.resetsAt()));
        assertThat(forecast.exhaustsBeforeReset()).isFalse();
    }

    @Test
    void forecast_fewReadingsYet_usesTheDaysAverage() throws Exception {
        clock.set(chinaTime(0, 0));
        calls(1_000);
        clock.set(chinaTime(1, 0));

        QuotaForecast forecast = forecaster.forecast(APP_ID, SEND).orElseThrow();

        assertThat(forecast.basis()).isEqualTo(QuotaForecast.RateBasis.DAY_AVERAGE);
        assertThat(forecast.callsPerSecond()).isCloseTo(1_000 / 3_600.0, within(1e-9));
    }

    @Test
    void forecast_burstJustAfterMidnight_isNotTakenForTheDaysRate() throws Exception {
        clock.set(chinaTime(0, 0));
        calls(20_000); // a job that runs at midnight
        clock.set(chinaTime(0, 5));

        QuotaForecast forecast = forecaster.forecast(APP_ID, SEND).orElseThrow();

        assertThat(forecast.basis()).isEqualTo(QuotaForecast.RateBasis.NONE);
        assertThat(forecast.exhaustsAt()).isEmpty();
        assertThat(forecast.exhaustsBeforeReset()).isFalse();
    }

    @Test
    void forecast_callsStopped_neverRunsOut() throws Exception {
        calls(1_000);
        for (int minute = 0; minute < 60; minute++) {
            minutePasses();
        }

        QuotaForecast forecast = forecaster.forecast(APP_ID, SEND).orElseThrow();

        assertThat(forecast.callsPerSecond()).isZero();
        assertThat(forecast.exhaustsAt()).isEmpty();
        assertThat(forecast.exhaustsBeforeReset()).isFalse();
    }

    @Test
    void forecast_exhaustedQuota_ranOutNow() throws Exception {
        calls((int) DAILY_LIMIT);

        QuotaForecast forecast = forecaster.forecast(APP_ID, SEND).orElseThrow();

        assertThat(forecast.remaining()).isZero();
        assertThat(forecast.exhaustsAt()).contains(clock.instant());
        assertThat(forecast.exhaustsBeforeReset()).isTrue();
    }

    @Test
    void forecast_afterMidnight_forgetsYesterdaysRate() throws Exception {
        clock.set(chinaTime(22, 0));
        callEveryMinute(60);
        clock.set(chinaTime(23, 0).plus(Duration.ofHours(1)).plusSeconds(60));

        QuotaForecast forecast = forecaster.forecast(APP_ID, SEND).orElseThrow();

        assertThat(forecast.remaining()).isEqualTo(DAILY_LIMIT);
        assertThat(forecast.exhaustsAt()).isEmpty();
        assertThat(forecast.resetsAt()).isEqualTo(chinaTime(0, 0).plus(Duration.ofDays(2)));
    }

    @Test
    void forecasts_listsOnlyQuotasWithAKnownLimit() throws Exception {
        GuardedApi unknown = guard.register(ApiDefinition.of("/cgi-bin/not/in/the/catalog"));
        guard.execute(unknown, APP_ID, () -> "ok");
        calls(1);

        assertThat(forecaster.forecasts()).extracting(QuotaForecast::cgiPath).containsExactly(SEND);
    }

    /** Each minute: {@link #PER_MINUTE} calls, then the minute passes and a scrape reads the forecast. */
    private void callEveryMinute(int minutes) throws Exception {
        for (int minute = 0; minute < minutes; minute++) {
            calls(PER_MINUTE);
            minutePasses();
        }
    }

    private void minutePasses() {
        clock.advance(Duration.ofMinutes(1));
        forecaster.sample();
    }

    private void calls(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            guard.execute(send, APP_ID, () -> "ok");
        }
    }

    /** That time on the scripted day, 22 November 2026 in China. */
    private static Instant chinaTime(int hour, int minute) {
        return ZonedDateTime.of(2026, 11, 22, hour, minute, 0, 0, CHINA).toInstant();
    }
}
