package io.github.wechatquota.store;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What getApiQuota said of one quota, and when. Stores keep it as they like and build it again by name:
 *
 * <pre>{@code
 * SyncRecord record = SyncRecord.builder(at)
 *         .dailyLimit(2000).used(120).remain(1880)
 *         .perMinuteLimit(10000).refreshSeconds(60)
 *         .build();
 * }</pre>
 */
public final class SyncRecord {

    private static final long UNSET = -1;

    private final Instant at;
    private final long dailyLimit;
    private final long used;
    private final long remain;
    private final long perMinuteLimit;
    private final long refreshSeconds;

    private SyncRecord(Builder builder) {
        this.at = builder.at;
        this.dailyLimit = builder.dailyLimit;
        this.used = builder.used;
        this.remain = builder.remain;
        this.perMinuteLimit = builder.perMinuteLimit;
        this.refreshSeconds = builder.refreshSeconds;
    }

    /** A builder of the record of an answer WeChat gave at {@code at}. */
    public static Builder builder(Instant at) {
        return new Builder(Objects.requireNonNull(at, "at"));
    }

    /** When WeChat answered. */
    public Instant at() {
        return at;
    }

    /** WeChat's {@code daily_limit}; 0 when the API has none. */
    public long dailyLimit() {
        return dailyLimit;
    }

    /** WeChat's {@code used}. */
    public long used() {
        return used;
    }

    /** WeChat's {@code remain}. */
    public long remain() {
        return remain;
    }

    /** WeChat's {@code rate_limit.call_count}; empty when it reported no short-window limit. */
    public OptionalLong perMinuteLimit() {
        return perMinuteLimit == UNSET ? OptionalLong.empty() : OptionalLong.of(perMinuteLimit);
    }

    /** WeChat's {@code rate_limit.refresh_second}; empty when it reported none. */
    public OptionalLong refreshSeconds() {
        return refreshSeconds == UNSET ? OptionalLong.empty() : OptionalLong.of(refreshSeconds);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyncRecord that && at.equals(that.at) && dailyLimit == that.dailyLimit
                && used == that.used && remain == that.remain && perMinuteLimit == that.perMinuteLimit
                && refreshSeconds == that.refreshSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, dailyLimit, used, remain, perMinuteLimit, refreshSeconds);
    }

    @Override
    public String toString() {
        return "SyncRecord[at=" + at + ", dailyLimit=" + dailyLimit + ", used=" + used + ", remain=" + remain
                + (perMinuteLimit == UNSET ? "" : ", perMinuteLimit=" + perMinuteLimit)
                + (refreshSeconds == UNSET ? "" : ", refreshSeconds=" + refreshSeconds) + "]";
    }

    /**
     * Values of a {@link SyncRecord}: {@code dailyLimit}, {@code used} and {@code remain} are required (WeChat's
     * answer has all three), the short-window limit only when WeChat reported one.
     */
    public static final class Builder {

        /** WeChat's counts are recorded as it gave them, whatever their sign; only a count never given is missing. */
        private static final long MISSING = Long.MIN_VALUE;

        private final Instant at;
        private long dailyLimit = MISSING;
        private long used = MISSING;
        private long remain = MISSING;
        private long perMinuteLimit = UNSET;
        private long refreshSeconds = UNSET;

        private Builder(Instant at) {
            this.at = at;
        }

        /** WeChat's {@code daily_limit}. Required. */
        public Builder dailyLimit(long dailyLimit) {
            this.dailyLimit = dailyLimit;
            return this;
        }

        /** WeChat's {@code used}. Required. */
        public Builder used(long used) {
            this.used = used;
            return this;
        }

        /** WeChat's {@code remain}. Required. */
        public Builder remain(long remain) {
            this.remain = remain;
            return this;
        }

        /** WeChat's {@code rate_limit.call_count}: positive; leave it unset when WeChat reported none. */
        public Builder perMinuteLimit(long perMinuteLimit) {
            this.perMinuteLimit = requirePositive("perMinuteLimit", perMinuteLimit);
            return this;
        }

        /** WeChat's {@code rate_limit.refresh_second}: positive; leave it unset when WeChat reported none. */
        public Builder refreshSeconds(long refreshSeconds) {
            this.refreshSeconds = requirePositive("refreshSeconds", refreshSeconds);
            return this;
        }

        /**
         * The record.
         *
         * @throws IllegalStateException naming what is missing when dailyLimit, used or remain was not set
         */
        public SyncRecord build() {
            if (dailyLimit == MISSING || used == MISSING || remain == MISSING) {
                throw new IllegalStateException("A SyncRecord needs dailyLimit, used and remain (WeChat's answer has "
                        + "all three); set " + (dailyLimit == MISSING ? "dailyLimit" : used == MISSING ? "used"
                                : "remain"));
            }
            return new SyncRecord(this);
        }

        private static long requirePositive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException("SyncRecord " + name + " must be positive, was " + value
                        + ": leave it unset when WeChat reported no rate_limit");
            }
            return value;
        }
    }
}
