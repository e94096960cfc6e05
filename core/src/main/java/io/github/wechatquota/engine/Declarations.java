package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;

/**
 * What the guarded methods bound to one quota declared: the lowest annotated limits count, the largest cost is what a
 * call in flight at midnight is charged, and the first method's policy is the one shown. A value: quotas that declare
 * the same share one instance ({@link LimitResolver#shared}).
 *
 * @param daily the lowest annotated daily limit, or -1
 * @param perMinute the lowest annotated per-minute limit, or -1
 * @param largestCost the largest cost of one call
 * @param policy the first method's policy, or null before any
 */
record Declarations(long daily, long perMinute, int largestCost, QuotaPolicy policy) {

    /** Before any method declared the quota. */
    static final Declarations NONE = new Declarations(-1, -1, 1, null);

    /** These declarations and one more method's. */
    Declarations with(ApiDefinition definition, QuotaPolicy resolvedPolicy) {
        return new Declarations(lowestPositive(daily, definition.dailyLimit().orElse(-1)),
                lowestPositive(perMinute, definition.perMinuteLimit().orElse(-1)),
                Math.max(largestCost, definition.cost()), policy != null ? policy : resolvedPolicy);
    }

    private static long lowestPositive(long a, long b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        return a > 0 ? a : b;
    }
}
