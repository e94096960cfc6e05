package io.github.wechatquota.forecast;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaKey;
import io.github.wechatquota.engine.QuotaSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forecasts when each quota runs out at the current rate, from successive readings of the guard's snapshots (whose
 * {@code usedToday} is the cluster's count on a shared store).
 *
 * <p>A reading is taken whenever a forecast is asked for (a scrape, a health check, the Actuator endpoint), at most one
 * per quota every {@link #READING_INTERVAL}; an application that asks rarely can call {@link #sample()} on a schedule.
 * The rate is the robust rate of the last {@link #WINDOW} of readings (the time-weighted interquartile mean of the
 * rates between readings, which a burst shorter than a quarter of the window does not move); until the readings span
 * {@link #MIN_SPAN}, after a start or a midnight, it is the day's count over the time since midnight, once the day is
 * a {@link #WINDOW} old (before that, a burst at midnight would pass for the day's rate, and there is none).
 *
 * <pre>{@code
 * QuotaForecaster forecaster = QuotaForecaster.of(guard, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
 * forecaster.forecast(appId, "/cgi-bin/message/custom/send")
 *         .filter(QuotaForecast::exhaustsBeforeReset)
 *         .ifPresent(forecast -> log.warn("runs out at {}", forecast.exhaustsAt().orElseThrow()));
 * }</pre>
 */
public final class QuotaForecaster {

    /** The least time between two readings of one quota. */
    public static final Duration READING_INTERVAL = Duration.ofMinutes(5);
    /** How far back readings count towards the recent rate. */
    public static final Duration WINDOW = Duration.ofHours(1);
    /** How much time the readings must span before their rate is used instead of the day's average. */
    public static final Duration MIN_SPAN = Duration.ofMinutes(15);

    private final QuotaGuard guard;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<QuotaKey, Readings> readings = new ConcurrentHashMap<>();

    private QuotaForecaster(QuotaGuard guard, Clock clock, ZoneId zone) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * A forecaster of the guard's quotas.
     *
     * @param guard whose snapshots are read
     * @param clock the guard's clock
     * @param zone the zone of the quota day (the guard's, Asia/Shanghai as WeChat's unless configured otherwise)
     */
    public static QuotaForecaster of(QuotaGuard guard, Clock clock, ZoneId zone) {
        return new QuotaForecaster(guard, clock, zone);
    }

    /** Takes a reading of every quota now (where the last one is old enough). */
    public void sample() {
        forecasts();
    }

    /** The forecast of every quota whose daily limit is known, taking readings as {@link #sample()} does. */
    public List<QuotaForecast> forecasts() {
        Instant now = clock.instant();
        List<QuotaForecast> forecasts = new ArrayList<>();
        for (QuotaSnapshot snapshot : guard.snapshots()) {
            forecast(snapshot, now).ifPresent(forecasts::add);
        }
        return forecasts;
    }

    /** One quota's forecast, taking a reading of it; empty when the quota or its daily limit is unknown. */
    public Optional<QuotaForecast> forecast(String appId, String cgiPath) {
        Instant now = clock.instant();
        return guard.snapshot(appId, cgiPath).flatMap(snapshot -> forecast(snapshot, now));
    }

    /**
     * The forecast of a quota as a snapshot just taken shows it (a caller that has the snapshot need not read it
     * twice), taking a reading of it; empty when its daily limit is unknown.
     */
    public Optional<QuotaForecast> forecast(QuotaSnapshot snapshot) {
        return forecast(snapshot, clock.instant());
    }

    private Optional<QuotaForecast> forecast(QuotaSnapshot snapshot, Instant now) {
        if (snapshot.dailyLimit().isEmpty() || snapshot.remaining().isEmpty() || snapshot.usedToday().isEmpty()) {
            return Optional.empty();
        }
        long remaining = snapshot.remaining().getAsLong();
        long usedToday = snapshot.usedToday().getAsLong();
        LocalDate day = LocalDate.ofInstant(now, zone);
        Instant midnight = day.atStartOfDay(zone).toInstant();
        Instant resetsAt = day.plusDays(1).atStartOfDay(zone).toInstant();
        OptionalDouble recent = recentRate(snapshot, usedToday, now, day);
        long sinceMidnight = Duration.between(midnight, now).toSeconds();
        QuotaForecast.RateBasis basis;
        double rate;
        if (recent.isPresent()) {
            basis = QuotaForecast.RateBasis.RECENT;
            rate = recent.getAsDouble();
        } else if (sinceMidnight >= WINDOW.toSeconds()) {
            basis = QuotaForecast.RateBasis.DAY_AVERAGE;
            rate = (double) usedToday / sinceMidnight;
        } else {
            basis = QuotaForecast.RateBasis.NONE;
            rate = 0;
        }
        return Optional.of(new QuotaForecast(snapshot.appId(), snapshot.cgiPath(), now, remaining,
                Math.max(0, rate), basis, resetsAt));
    }

    /** Takes a reading of the quota, and answers the rate of its readings once they span enough time. */
    private OptionalDouble recentRate(QuotaSnapshot snapshot, long usedToday, Instant now, LocalDate day) {
        QuotaKey key = new QuotaKey(snapshot.appId(), snapshot.cgiPath());
        // A quota no call has used today needs no readings yet: most of a platform's many quotas stay that way.
        Readings quota = usedToday == 0 ? readings.get(key)
                : readings.computeIfAbsent(key, unused -> new Readings());
        if (quota == null) {
            return OptionalDouble.empty();
        }
        quota.record(now.getEpochSecond(), usedToday, day.toEpochDay(), READING_INTERVAL.toSeconds(),
                WINDOW.toSeconds());
        return quota.rate(MIN_SPAN.toSeconds());
    }
}
