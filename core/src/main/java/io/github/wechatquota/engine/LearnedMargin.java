package io.github.wechatquota.engine;

import java.time.LocalDate;

/**
 * What one quota holds back of what WeChat says remains, learned from WeChat's own counts.
 *
 * <p>WeChat may count more calls than the guard let through: its own counting drifts, and other services call with the
 * same account around the library. Between two syncs the guard cannot see this, so it keeps a margin of the daily limit
 * in hand: what was let through is compared with what WeChat counted meanwhile, and the margin is the over-count this
 * evidence shows plus a small floor, bounded above by {@code safety-margin} (the ceiling, held until there is evidence,
 * and again for the rest of a day on which a 45009 came anyway). Near the end of the quota, within twice the margin,
 * half of what remains is released at a time and WeChat is asked again before the rest is spent; so a drift the
 * margin did not foresee costs at most one half of the last stretch, never a 45009, and a WeChat that counts exactly as
 * the guard does leaves only the floor unused.
 */
final class LearnedMargin {

    /** The least held back: five calls in ten thousand. */
    static final double FLOOR = 0.0005;
    /** Calls let through between two compared syncs before the evidence counts. */
    private static final long MIN_EVIDENCE = 50;
    /** How often WeChat may be asked for what a sync held back. */
    private static final long ASK_INTERVAL_MILLIS = 1_000;
    /**
     * How often WeChat is asked again when no call was let through since the last ask: its answer can only have changed
     * by calls made around the guard, or a clear in the console.
     */
    private static final long QUIET_ASK_INTERVAL_MILLIS = 600_000;

    private final double ceiling;
    private final double floor;
    private LocalDate day;
    /** Today's evidence: calls WeChat counted beyond those let through, and calls let through. */
    private long overCounted;
    private long letThrough;
    private boolean widened;
    /** This instance's last applied answer, which the next one it applies is compared with; at -1 when none. */
    private long appliedAt = -1;
    private long appliedUsed;
    private long appliedTarget;
    /** Calls WeChat allowed at the last answer beyond those released to the bucket: worth asking WeChat again for. */
    private volatile long held;
    /**
     * Tokens the last answer counted as leased by some instance (out of the bucket, not yet in WeChat's count): an
     * instance that died holding them spends nothing more, so once their records have lapsed WeChat is asked again.
     */
    private volatile long leased;
    /** When every lease record the last answer counted has lapsed (epoch millis). */
    private volatile long leasesLapseAt;
    /** The day of the answer that held them. */
    private volatile LocalDate heldOn;
    /** When WeChat was last asked for what was held (epoch millis). */
    private volatile long askedAt;
    /** The quota's permits taken ({@link QuotaCounts#permitsTaken}) when WeChat was last asked. */
    private volatile long permitsAtAsk = -1;

    /**
     * @param ceiling {@code safety-margin}: the most held back
     */
    LearnedMargin(double ceiling) {
        this.ceiling = ceiling;
        this.floor = Math.min(FLOOR, ceiling);
    }

    /** The floor, which is never handed out: the part of the margin in the bucket's capacity. */
    double floor() {
        return floor;
    }

    /** The fraction of the daily limit held back today. */
    synchronized double margin(LocalDate today) {
        startDay(today);
        if (widened || letThrough < MIN_EVIDENCE) {
            return ceiling;
        }
        return Math.max(floor, Math.min(ceiling, (double) overCounted / letThrough + floor));
    }

    /** The over-count WeChat's counts showed today (0.01: one call in a hundred), or NaN before there is evidence. */
    synchronized double observedDrift(LocalDate today) {
        startDay(today);
        return letThrough < MIN_EVIDENCE ? Double.NaN : (double) Math.max(0, overCounted) / letThrough;
    }

    /**
     * Of {@code remaining} calls WeChat allows (beyond the floor), those to hand out before asking again: all but the
     * margin, and within twice the margin of the end, half.
     */
    long release(long remaining, long dailyLimit, LocalDate today) {
        return release(remaining, heldTokens(dailyLimit, today));
    }

    /** {@link #release(long, long, LocalDate)} with the margin's {@code held} tokens known. */
    static long release(long remaining, long held) {
        if (remaining <= 0) {
            return 0;
        }
        return remaining > 2 * held ? remaining - held : (remaining + 1) / 2;
    }

    /** The calls the margin holds beyond the floor (which the bucket's capacity leaves out already). */
    long heldTokens(long dailyLimit, LocalDate today) {
        return heldTokens(margin(today), floor, dailyLimit);
    }

    /**
     * The calls a quota not yet taught by any answer holds beyond the floor: the whole ceiling's, read without making
     * its state.
     */
    static long heldTokens(double ceiling, long dailyLimit) {
        return heldTokens(ceiling, Math.min(FLOOR, ceiling), dailyLimit);
    }

    private static long heldTokens(double margin, double floor, long dailyLimit) {
        return Math.max(0, (long) Math.floor(margin * dailyLimit) - (long) Math.floor(floor * dailyLimit));
    }

    /**
     * An answer this instance applies: compared with the last one it applied, when nothing else moved the bucket in
     * between ({@code comparable}), and kept for the next.
     *
     * @param at when WeChat answered, epoch millis
     * @param used WeChat's {@code used}
     * @param available the bucket's tokens when this answer's sample was taken
     * @param target the tokens the bucket holds after this answer
     * @param comparable whether the bucket moved only by calls since this instance's last applied answer
     */
    synchronized void applied(LocalDate today, long at, long used, long available, long target, boolean comparable) {
        startDay(today);
        if (comparable && appliedAt >= 0) {
            long calls = appliedTarget - available;
            if (calls > 0) {
                letThrough += calls;
                overCounted += (used - appliedUsed) - calls;
            }
        }
        appliedAt = at;
        appliedUsed = used;
        appliedTarget = target;
    }

    /** When this instance last applied an answer today (epoch millis), or -1. */
    synchronized long lastAppliedAt(LocalDate today) {
        startDay(today);
        return appliedAt;
    }

    /**
     * Of {@code remaining} calls WeChat allowed on {@code day} at the last answer, {@code released} went to the bucket;
     * {@code leased} more were counted as held in instances' leases, whose records have all lapsed by
     * {@code leasesLapseAt} (epoch millis).
     */
    void released(LocalDate day, long remaining, long released, long leased, long leasesLapseAt) {
        heldOn = day;
        held = remaining - released;
        this.leased = leased;
        this.leasesLapseAt = leasesLapseAt;
    }

    /**
     * Whether today's last answer held calls back that WeChat may still allow, in the margin or in leases (yesterday's
     * are gone with the day).
     */
    boolean holdsCalls(LocalDate today) {
        return (held > 0 || leased > 0) && today.equals(heldOn);
    }

    /**
     * Whether a call that found the bucket empty should ask WeChat first: the last answer held calls back, WeChat was
     * not asked within the last second, and calls were let through since it was last asked (or ten minutes passed):
     * a quota refused all day would otherwise ask once a second for the same answer. Or: the last answer counted
     * tokens as leased, their records have lapsed since, and WeChat was not asked after that (once: a lease whose
     * holder died is found again by that answer, and one still held is counted again, with a later lapse). Counts as
     * asking.
     *
     * @param permits the quota's permits taken so far
     */
    boolean mayAsk(long nowMillis, long permits) {
        if (nowMillis - askedAt < ASK_INTERVAL_MILLIS) {
            return false;
        }
        boolean forMargin = held > 0
                && (permits != permitsAtAsk || nowMillis - askedAt >= QUIET_ASK_INTERVAL_MILLIS);
        boolean forLeases = leased > 0 && nowMillis >= leasesLapseAt && askedAt < leasesLapseAt;
        if (!forMargin && !forLeases) {
            return false;
        }
        askedAt = nowMillis;
        permitsAtAsk = permits;
        return true;
    }

    /** Nothing is held to ask for: WeChat said 45009, or the margin is no longer held by syncs. */
    void nothingHeld() {
        held = 0;
        leased = 0;
    }

    /**
     * WeChat answered 45009 although the margin was held: nothing is left to ask for, and the ceiling holds for the rest
     * of the day.
     */
    synchronized void widen(LocalDate today) {
        startDay(today);
        widened = true;
        held = 0;
        leased = 0;
    }

    private void startDay(LocalDate today) {
        if (!today.equals(day)) {
            day = today;
            overCounted = 0;
            letThrough = 0;
            widened = false;
            appliedAt = -1;
        }
    }
}
