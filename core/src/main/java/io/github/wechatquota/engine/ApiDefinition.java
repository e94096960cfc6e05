package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.catalog.CgiPath;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one guarded method declares about the API it calls: the values of its {@link WeChatApi}, checked. What is not
 * set here is left to WeChat, configuration, rules and the catalog.
 *
 * <pre>{@code
 * ApiDefinition send = ApiDefinition.builder("/cgi-bin/message/custom/send")
 *         .dailyLimit(500)
 *         .policy(QuotaPolicy.WAIT)
 *         .cost(2)
 *         .build();
 * }</pre>
 */
public final class ApiDefinition {

    private static final long UNSET = -1;

    private final String cgiPath;
    private final long dailyLimit;
    private final long perMinuteLimit;
    private final QuotaPolicy policy;
    private final int cost;
    private final boolean hasFallback;

    private ApiDefinition(Builder builder) {
        this.cgiPath = builder.cgiPath;
        this.dailyLimit = builder.dailyLimit;
        this.perMinuteLimit = builder.perMinuteLimit;
        this.policy = builder.policy;
        this.cost = builder.cost;
        this.hasFallback = builder.hasFallback;
    }

    /**
     * A builder of a definition of the API at {@code cgiPath}, e.g. {@code /cgi-bin/message/custom/send}.
     *
     * @throws IllegalArgumentException naming the path and the fix when it is not a valid cgi_path
     */
    public static Builder builder(String cgiPath) {
        return new Builder(cgiPath);
    }

    /**
     * A definition with nothing but the path: limits from WeChat, configuration or catalog; cost 1.
     *
     * @throws IllegalArgumentException naming the path and the fix when it is not a valid cgi_path
     */
    public static ApiDefinition of(String cgiPath) {
        return builder(cgiPath).build();
    }

    /**
     * The definition an annotation declares; its {@code -1} limits and {@link QuotaPolicy#DEFAULT} are left unset.
     *
     * @throws IllegalArgumentException naming the value and the fix when the definition cannot be guarded
     */
    public static ApiDefinition of(WeChatApi annotation) {
        Builder builder = builder(annotation.cgiPath())
                .policy(annotation.onExhausted())
                .cost(annotation.cost())
                .fallback(!annotation.fallbackMethod().isEmpty());
        // -1 is the annotation's "not set" (an annotation cannot leave a value out); any other value is checked.
        if (annotation.dailyLimit() != -1) {
            builder.dailyLimit(annotation.dailyLimit());
        }
        if (annotation.perMinuteLimit() != -1) {
            builder.perMinuteLimit(annotation.perMinuteLimit());
        }
        return builder.build();
    }

    /** The API's path, e.g. {@code /cgi-bin/message/custom/send}. */
    public String cgiPath() {
        return cgiPath;
    }

    /** The declared daily limit; empty leaves it to WeChat, configuration or the catalog. */
    public OptionalLong dailyLimit() {
        return dailyLimit == UNSET ? OptionalLong.empty() : OptionalLong.of(dailyLimit);
    }

    /** The declared per-minute limit; empty leaves it to WeChat, configuration or the catalog. */
    public OptionalLong perMinuteLimit() {
        return perMinuteLimit == UNSET ? OptionalLong.empty() : OptionalLong.of(perMinuteLimit);
    }

    /** The declared policy; empty leaves it to configuration, rules and the default policy. */
    public Optional<QuotaPolicy> policy() {
        return policy == QuotaPolicy.DEFAULT ? Optional.empty() : Optional.of(policy);
    }

    /** The tokens one call takes; 1 unless set. */
    public int cost() {
        return cost;
    }

    /** Whether the method has a fallback to call under {@link QuotaPolicy#FALLBACK}. */
    public boolean hasFallback() {
        return hasFallback;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiDefinition that && cgiPath.equals(that.cgiPath) && dailyLimit == that.dailyLimit
                && perMinuteLimit == that.perMinuteLimit && policy == that.policy && cost == that.cost
                && hasFallback == that.hasFallback;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cgiPath, dailyLimit, perMinuteLimit, policy, cost, hasFallback);
    }

    @Override
    public String toString() {
        return "ApiDefinition[" + cgiPath + (dailyLimit == UNSET ? "" : ", dailyLimit=" + dailyLimit)
                + (perMinuteLimit == UNSET ? "" : ", perMinuteLimit=" + perMinuteLimit)
                + (policy == QuotaPolicy.DEFAULT ? "" : ", policy=" + policy) + ", cost=" + cost
                + (hasFallback ? ", with fallback" : "") + "]";
    }

    /** Settings of an {@link ApiDefinition}; each setter checks its value at once and names it in the error. */
    public static final class Builder {

        private final String cgiPath;
        private long dailyLimit = UNSET;
        private long perMinuteLimit = UNSET;
        private QuotaPolicy policy = QuotaPolicy.DEFAULT;
        private int cost = 1;
        private boolean hasFallback;

        private Builder(String cgiPath) {
            this.cgiPath = CgiPath.requireValid(cgiPath);
        }

        /** A daily limit this method keeps to: a self-imposed cap when below WeChat's. */
        public Builder dailyLimit(long dailyLimit) {
            this.dailyLimit = Limits.requirePositive("dailyLimit of " + cgiPath, dailyLimit);
            return this;
        }

        /** A per-minute limit this method keeps to. */
        public Builder perMinuteLimit(long perMinuteLimit) {
            this.perMinuteLimit = Limits.requirePositive("perMinuteLimit of " + cgiPath, perMinuteLimit);
            return this;
        }

        /** What happens when the quota is used up; {@link QuotaPolicy#DEFAULT}, the default, leaves it unset. */
        public Builder policy(QuotaPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The tokens one call takes; 1 unless set. */
        public Builder cost(int cost) {
            if (cost < 1) {
                throw new IllegalArgumentException("cost of " + cgiPath + " must be at least 1, was " + cost);
            }
            this.cost = cost;
            return this;
        }

        /** Whether the method has a fallback to call under {@link QuotaPolicy#FALLBACK}; false unless set. */
        public Builder fallback(boolean hasFallback) {
            this.hasFallback = hasFallback;
            return this;
        }

        /**
         * The definition.
         *
         * @throws IllegalArgumentException naming the values and the fix when they do not fit together
         */
        public ApiDefinition build() {
            if (dailyLimit != UNSET && cost > dailyLimit) {
                throw new IllegalArgumentException("cost of " + cgiPath + " (" + cost + ") exceeds its dailyLimit ("
                        + dailyLimit + "): no call could ever be made");
            }
            if (policy == QuotaPolicy.FALLBACK && !hasFallback) {
                throw new IllegalArgumentException("onExhausted = FALLBACK on " + cgiPath
                        + " needs a fallbackMethod: name a method with the same parameters");
            }
            return new ApiDefinition(this);
        }
    }
}
