package io.github.wechatquota.engine;

/**
 * The limits in force for one quota, resolved from WeChat, configuration, annotation and catalog.
 *
 * @param dailyLimit the effective daily limit, or -1 when none is known
 * @param source where {@code dailyLimit} came from
 * @param heldBack how much of it is never handed out: the safety margin plus any reserve
 * @param perMinuteLimit the per-minute limit, or -1 for none
 * @param refreshSeconds the window of the per-minute limit, in seconds
 */
record Limits(long dailyLimit, LimitSource source, long heldBack, long perMinuteLimit, long refreshSeconds) {

    /** What this library may use of the day: the daily limit less what is held back, or -1 when unknown. */
    long usable() {
        return dailyLimit < 0 ? -1 : Math.max(0, dailyLimit - heldBack);
    }

    boolean hasDailyLimit() {
        return dailyLimit > 0;
    }

    boolean hasMinuteLimit() {
        return perMinuteLimit > 0;
    }

    /**
     * @throws IllegalArgumentException naming the limit and the value unless it is positive: an unset limit is left
     *     out, never written as 0 or -1
     */
    static long requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value
                    + ": to set no limit, leave it unset");
        }
        return value;
    }

    /** @throws IllegalArgumentException naming the value unless it is a fraction within [0, 1) */
    static double requireReserve(String name, double reserve) {
        if (!(reserve >= 0 && reserve < 1)) {
            throw new IllegalArgumentException(name + " must be a fraction within [0, 1), e.g. 0.05; was " + reserve);
        }
        return reserve;
    }
}
