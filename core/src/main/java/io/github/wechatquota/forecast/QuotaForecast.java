package io.github.wechatquota.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When one quota runs out if calls go on at the current rate.
 *
 * @param appId the account
 * @param cgiPath the API
 * @param at when the forecast was made
 * @param remaining the calls the guard may still make today, at {@code at}
 * @param callsPerSecond the rate the forecast assumes, never negative
 * @param basis how that rate was measured
 * @param resetsAt the next midnight of the quota day, when the quota is full again
 */
public record QuotaForecast(String appId, String cgiPath, Instant at, long remaining, double callsPerSecond,
        RateBasis basis, Instant resetsAt) {

    /** How the rate of a forecast was measured. */
    public enum RateBasis {
        /** The robust rate of the last hour's readings (see {@link QuotaForecaster}). */
        RECENT,
        /** The day's calls so far over the time since midnight: too few recent readings yet. */
        DAY_AVERAGE,
        /**
         * No rate yet: too few readings, and too little of the day gone for its average to mean anything (a job that
         * runs at midnight would otherwise look like a day's rate). The quota is not forecast to run out.
         */
        NONE
    }

    /**
     * When the quota runs out: {@link #at()} when it already has; empty when no calls are being made, so that it never
     * does at this rate, or when there is no rate yet ({@link RateBasis#NONE}).
     */
    public Optional<Instant> exhaustsAt() {
        return timeLeft().map(at::plus);
    }

    /** How long until the quota runs out: zero when it already has; empty as for {@link #exhaustsAt()}. */
    public Optional<Duration> timeLeft() {
        if (remaining <= 0) {
            return Optional.of(Duration.ZERO);
        }
        if (callsPerSecond <= 0) {
            return Optional.empty();
        }
        double seconds = remaining / callsPerSecond;
        return Optional.of(Duration.ofMillis((long) Math.min(seconds * 1000, Long.MAX_VALUE / 2.0)));
    }

    /** Whether the quota runs out (or has run out) before it resets at midnight. */
    public boolean exhaustsBeforeReset() {
        return exhaustsAt().map(instant -> instant.isBefore(resetsAt)).orElse(false);
    }
}
