package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The values a rule or a per-API setting may set, each optional: checked once here for both. Unset is -1 (or
 * {@code null}) only inside; what is read from outside is an optional.
 */
record ApiValues(long rawDailyLimit, long rawPerMinuteLimit, QuotaPolicy rawPolicy, double rawReserve) {

    private static final long UNSET = -1;

    static final ApiValues NONE = new ApiValues(UNSET, UNSET, null, UNSET);

    OptionalLong dailyLimit() {
        return rawDailyLimit == UNSET ? OptionalLong.empty() : OptionalLong.of(rawDailyLimit);
    }

    OptionalLong perMinuteLimit() {
        return rawPerMinuteLimit == UNSET ? OptionalLong.empty() : OptionalLong.of(rawPerMinuteLimit);
    }

    Optional<QuotaPolicy> policy() {
        return Optional.ofNullable(rawPolicy);
    }

    OptionalDouble reserve() {
        return rawReserve == UNSET ? OptionalDouble.empty() : OptionalDouble.of(rawReserve);
    }

    ApiValues withDailyLimit(long dailyLimit) {
        return new ApiValues(Limits.requirePositive("daily-limit", dailyLimit), rawPerMinuteLimit, rawPolicy,
                rawReserve);
    }

    ApiValues withPerMinuteLimit(long perMinuteLimit) {
        return new ApiValues(rawDailyLimit, Limits.requirePositive("per-minute-limit", perMinuteLimit), rawPolicy,
                rawReserve);
    }

    /** {@link QuotaPolicy#DEFAULT} sets nothing: it means "leave it to what comes next". */
    ApiValues withPolicy(QuotaPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return new ApiValues(rawDailyLimit, rawPerMinuteLimit, policy == QuotaPolicy.DEFAULT ? null : policy,
                rawReserve);
    }

    ApiValues withReserve(double reserve) {
        return new ApiValues(rawDailyLimit, rawPerMinuteLimit, rawPolicy, Limits.requireReserve("reserve", reserve));
    }

    /** The values set, each as {@code ", name=value"}, for a {@code toString}. */
    String describe() {
        return (rawDailyLimit == UNSET ? "" : ", dailyLimit=" + rawDailyLimit)
                + (rawPerMinuteLimit == UNSET ? "" : ", perMinuteLimit=" + rawPerMinuteLimit)
                + (rawPolicy == null ? "" : ", policy=" + rawPolicy)
                + (rawReserve == UNSET ? "" : ", reserve=" + rawReserve);
    }

    /**
     * The setters a rule's builder and a per-API settings' builder share: each checks its value at once and names it
     * in the error.
     *
     * @param <B> the builder, returned by each setter
     */
    abstract static class Setters<B extends Setters<B>> {

        ApiValues values = NONE;

        /** A daily limit: a self-imposed cap when below WeChat's. */
        public final B dailyLimit(long dailyLimit) {
            values = values.withDailyLimit(dailyLimit);
            return self();
        }

        /** A per-minute limit. */
        public final B perMinuteLimit(long perMinuteLimit) {
            values = values.withPerMinuteLimit(perMinuteLimit);
            return self();
        }

        /** The policy; {@link QuotaPolicy#DEFAULT} leaves it unset. */
        public final B policy(QuotaPolicy policy) {
            values = values.withPolicy(policy);
            return self();
        }

        /** A fraction of the daily limit to leave unused, within [0, 1), e.g. 0.05. */
        public final B reserve(double reserve) {
            values = values.withReserve(reserve);
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
