package io.github.wechatquota.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Days as WeChat counts them: midnight to midnight in the configured zone (Asia/Shanghai), read from the guard's one
 * clock.
 */
record QuotaDays(Clock clock, ZoneId zone) {

    /**
     * How far apart this instance's clock and WeChat's may be around midnight (W): a sync answered, or a 45009 received,
     * this close to midnight may describe the other day, and is not taken as the truth about this one; calls permitted
     * this close before midnight are charged to both days ({@link MidnightTurn}). Servers kept by NTP are milliseconds
     * apart; five seconds covers a clock that drifted between synchronisations, and every second of it costs only the
     * calls of that second, charged twice until the new day's first sync gives them back.
     */
    static final Duration MIDNIGHT_SKEW = Duration.ofSeconds(5);

    LocalDate today() {
        return day(clock.instant());
    }

    LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    boolean isToday(Instant instant) {
        return day(instant).equals(today());
    }

    /** When the current day's quotas reset. */
    Instant nextMidnight() {
        return today().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** When the current day began. */
    Instant lastMidnight() {
        return today().atStartOfDay(zone).toInstant();
    }

    /** Whether {@code instant} lies within {@link #MIDNIGHT_SKEW} of a midnight, before or after it. */
    boolean nearMidnight(Instant instant) {
        LocalDate day = day(instant);
        Duration sinceStart = Duration.between(day.atStartOfDay(zone).toInstant(), instant);
        Duration untilEnd = Duration.between(instant, day.plusDays(1).atStartOfDay(zone).toInstant());
        return sinceStart.compareTo(MIDNIGHT_SKEW) < 0 || untilEnd.compareTo(MIDNIGHT_SKEW) < 0;
    }
}
