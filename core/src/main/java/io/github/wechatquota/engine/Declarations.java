package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;

/**
 * What the guarded methods bound to one quota declared: the lowest annotated limits count, the largest cost is what a
 * call in flight at midnight is charged, and the first method's policy is the one shown.
 */
final class Declarations {

    private volatile long daily = -1;
    private volatile long perMinute = -1;
    private volatile int largestCost = 1;
    private volatile QuotaPolicy policy;

    /** Adds one method's declaration; called under the quota's lock. */
    void add(ApiDefinition definition, QuotaPolicy resolvedPolicy) {
        largestCost = Math.max(largestCost, definition.cost());
        daily = lowestPositive(daily, definition.dailyLimit().orElse(-1));
        perMinute = lowestPositive(perMinute, definition.perMinuteLimit().orElse(-1));
        if (policy == null) {
            policy = resolvedPolicy;
        }
    }

    /** The lowest annotated daily limit, or -1. */
    long daily() {
        return daily;
    }

    /** The lowest annotated per-minute limit, or -1. */
    long perMinute() {
        return perMinute;
    }

    int largestCost() {
        return largestCost;
    }

    QuotaPolicy policy() {
        return policy;
    }

    private static long lowestPositive(long a, long b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        return a > 0 ? a : b;
    }
}
