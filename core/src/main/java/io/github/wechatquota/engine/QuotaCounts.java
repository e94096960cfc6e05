package io.github.wechatquota.engine;

import io.github.wechatquota.wechat.Errcodes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one quota counts on the call path: its daily and per-minute buckets, a block WeChat imposed (45011, or 45009
 * while the store is away), and the calls let through but not yet answered. The permitted path reads two volatile
 * fields and takes from one or two buckets.
 */
final class QuotaCounts {

    private final QuotaDays days;
    /** The daily count, or null when no daily limit is known. */
    private volatile StoredBucket daily;
    /** The per-minute count, or null when the API has no minute limit. */
    private volatile StoredBucket minute;
    /** Epoch millis before which WeChat said no; 0 when none. */
    private volatile long blockedUntil;
    /**
     * Two counts in one atomic, so that a call pays one update for both: the low 32 bits are the calls let through and
     * not yet answered (WeChat may not have counted them when a sync asks); the high 32 bits the permits taken so far,
     * wrapping, which a sync round compares to see whether the quota is in use ({@link SyncDemand}).
     */
    private volatile long calls; // a field, not an AtomicLong: one object less for each of a platform's quotas
    /**
     * Where {@link #calls} are counted once threads contended for the field: stripes that threads update without
     * taking turns on one cache line (the permitted path's second atomic), made only for a quota called from several
     * threads at once. The counts are the field plus its sum.
     */
    private volatile LongAdder spread;
    private static final long PERMIT = 1L << 32;
    private static final VarHandle CALLS;

    static {
        try {
            CALLS = MethodHandles.lookup().findVarHandle(QuotaCounts.class, "calls", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** The last seconds before midnight, while permits are charged to the new day too; null the rest of the day. */
    private volatile MidnightWindow window;

    QuotaCounts(QuotaDays days) {
        this.days = days;
    }

    StoredBucket daily() {
        return daily;
    }

    void daily(StoredBucket count) {
        daily = count;
    }

    StoredBucket minute() {
        return minute;
    }

    void minute(StoredBucket count) {
        minute = count;
    }

    /**
     * Takes {@code cost} tokens from every bucket, or none.
     *
     * @throws io.github.wechatquota.QuotaStoreUnavailableException when the store is unreachable under fail-closed
     */
    boolean tryAcquire(long cost) {
        long blocked = blockedUntil;
        if (blocked != 0 && days.clock().millis() < blocked) {
            return false;
        }
        StoredBucket count = daily;
        if (count != null && !count.tryTake(cost)) {
            MidnightWindow closing = window;
            if (closing != null) {
                closing.usedUp();
            }
            return false;
        }
        StoredBucket perMinute = minute;
        if (perMinute != null && !perMinute.tryTake(cost)) {
            if (count != null) {
                count.giveBack(cost);
            }
            return false;
        }
        MidnightWindow closing = window;
        if (closing != null) {
            closing.permitted(cost, days.clock().millis());
        }
        count(PERMIT + 1);
        return true;
    }

    /** A call let through by {@link #tryAcquire} has been answered (or failed). */
    void callDone() {
        count(-1);
    }

    /** Gives back tokens taken for a call that was not made. */
    void release(long cost) {
        count(-1);
        StoredBucket count = daily;
        if (count != null) {
            count.giveBack(cost);
        }
        StoredBucket perMinute = minute;
        if (perMinute != null) {
            perMinute.giveBack(cost);
        }
    }

    /** Adds {@code delta} to {@link #calls}: on the field while uncontended, else on the stripes. */
    private void count(long delta) {
        LongAdder stripes = spread;
        if (stripes != null) {
            stripes.add(delta);
            return;
        }
        long current = calls;
        if (!CALLS.compareAndSet(this, current, current + delta)) {
            spread().add(delta);
        }
    }

    private synchronized LongAdder spread() {
        LongAdder stripes = spread;
        if (stripes == null) {
            stripes = new LongAdder();
            spread = stripes;
        }
        return stripes;
    }

    /** Both counts packed ({@link #calls}); exact when no call is being counted meanwhile. */
    private long calls() {
        LongAdder stripes = spread;
        return stripes == null ? calls : calls + stripes.sum();
    }

    int inFlight() {
        return (int) calls();
    }

    /** The permits taken so far, wrapping at 2^32: only whether it changed means anything. */
    long permitsTaken() {
        return calls() >>> 32;
    }

    /** The daily bucket's tokens: the store's, or the local share's while it is away; -1 when unknown. */
    long available() {
        StoredBucket count = daily;
        return count == null ? -1 : count.available();
    }

    /** Whether WeChat's 45009 blocks the quota for the rest of the day (recorded here while the store was away). */
    private boolean blockedForTheDay() {
        return blockedUntil >= days.nextMidnight().toEpochMilli();
    }

    /**
     * Whether the daily quota, which clear_quota resets, is what is missing: its bucket lacks {@code cost}, or WeChat's
     * 45009 blocks it until midnight. False when only a per-minute limit stands in the way.
     */
    boolean dailyExhausted(long cost) {
        return blockedForTheDay() || (daily != null && available() < cost);
    }

    /** Milliseconds until {@code cost} tokens could be taken, or -1 when not before the day ends. */
    long millisUntilAvailable(long cost) {
        if ((daily != null && available() < cost) || blockedForTheDay()) {
            return -1;
        }
        long wait = Math.max(0, blockedUntil - days.clock().millis());
        if (minute != null) {
            long nanos = minuteNanosToWait(cost);
            wait = Math.max(wait, TimeUnit.NANOSECONDS.toMillis(nanos) + (nanos % 1_000_000 == 0 ? 0 : 1));
        }
        return wait;
    }

    private long minuteNanosToWait(long cost) {
        StoredBucket perMinute = minute;
        return perMinute == null ? 0
                : perMinute.read(bucket -> bucket.estimateAbilityToConsume(cost).getNanosToWaitForRefill(), 0L);
    }

    /**
     * WeChat answered 45009 or 45011: it knows better, so the bucket is drained until its reset.
     *
     * @param refreshSeconds the window of the minute limit, for 45011
     */
    void limitedByWeChat(int errcode, long refreshSeconds) {
        if (errcode == Errcodes.MINUTE_LIMIT) {
            long window = TimeUnit.SECONDS.toMillis(refreshSeconds);
            blockedUntil = (days.clock().millis() / window + 1) * window;
            StoredBucket perMinute = minute;
            if (perMinute != null) {
                perMinute.drain();
            }
            return;
        }
        StoredBucket count = daily;
        if (count == null || !count.drain()) {
            blockedUntil = days.nextMidnight().toEpochMilli(); // the store is away: remember it here at least
        }
    }

    /** Refuses calls until {@code until} (epoch millis) without touching the buckets: a pause, or a new day held. */
    void blockUntil(long until) {
        blockedUntil = Math.max(blockedUntil, until);
    }

    /** Ends a block set by {@link #blockUntil} to {@code until}, unless a later one replaced it. */
    void endBlock(long until) {
        if (blockedUntil == until) {
            blockedUntil = 0;
        }
    }

    /** Opens the window before midnight in which permits are charged to the new day too. */
    void openWindow(MidnightWindow opening) {
        window = opening;
    }

    /** Closes the window at the rollover; returns it, or null when none was open. */
    MidnightWindow closeWindow() {
        MidnightWindow closing = window;
        window = null;
        return closing;
    }

    MidnightWindow window() {
        return window;
    }

    /** After a clear_quota: the whole usable quota is available again. */
    void refillAfterClear(long usable) {
        blockedUntil = 0;
        StoredBucket count = daily;
        if (count != null && usable > 0) {
            count.refillAfterClear(usable);
        }
    }

    /** WeChat says the quota has calls left (a clear in the console, say): a block for the day no longer holds. */
    void unblockIfBlockedForTheDay() {
        if (blockedForTheDay()) {
            blockedUntil = 0;
        }
    }

    /** When a call refused now could go through: the end of WeChat's block, the next minute window, or midnight. */
    Instant resetAt() {
        long blocked = blockedUntil;
        if (blocked != 0 && blocked > days.clock().millis()) {
            return Instant.ofEpochMilli(blocked);
        }
        if (daily != null && minute != null && available() > 0) {
            return days.clock().instant().plusNanos(minuteNanosToWait(1));
        }
        return days.nextMidnight();
    }
}
