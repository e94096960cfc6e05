package io.github.wechatquota.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Days as WeChat counts them: midnight to midnight in the configured zone (Asia/Shanghai), read from the guard's one
 * clock.
 */
record QuotaDays(Clock clock, ZoneId zone) {

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
}
