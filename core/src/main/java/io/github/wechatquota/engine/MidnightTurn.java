package io.github.wechatquota.engine;

import io.github.wechatquota.store.SyncRecord;
import io.github.wechatquota.wechat.ApiQuota;
import java.time.Instant;

/**
 * One quota across midnight, when this instance's clock and WeChat's may disagree by up to
 * {@link QuotaDays#MIDNIGHT_SKEW} (W) on which day a call belongs to.
 *
 * <ul>
 *   <li>From W before midnight, permits are charged to the new day as well ({@link MidnightWindow}); at the rollover the
 *       new day's bucket is charged with them. WeChat counts each on one day, so neither day can overshoot; the new
 *       day's over-charge is given back by its first sync, W and a second after midnight.</li>
 *   <li>A new day whose old one ended used up is held until WeChat confirms its own new day: calls that find it held
 *       ask WeChat, at most once a second, and an answer whose {@code used} fell below the old day's ends the hold, as
 *       does W after midnight. An instance ahead of WeChat thus sends nothing into WeChat's used-up old day.</li>
 *   <li>A 45009 within W of midnight drains nothing and widens no margin: before midnight calls stop until it (the
 *       old day is over for WeChat) and the new day is held; after it, the new day is held and WeChat asked.</li>
 * </ul>
 */
final class MidnightTurn {

    private static final long ASK_INTERVAL_MILLIS = 1_000;

    private final QuotaCounts counts;
    private final QuotaDays days;
    private final SyncHistory history;
    /** The midnight the held day begins at, epoch millis: before it an answer cannot show WeChat's new day. */
    private volatile long heldFrom;
    /** Epoch millis the hold ends at by itself; 0 when none. */
    private volatile long heldUntil;
    /** WeChat's {@code used} on the old day as far as known: an answer below it is the new day's. */
    private volatile long oldDayUsed;
    private volatile long askedAt;

    MidnightTurn(QuotaCounts counts, QuotaDays days, SyncHistory history) {
        this.counts = counts;
        this.days = days;
        this.history = history;
    }

    /** WeChat answered 45009 within W of midnight (the caller checked): a pause and a held new day, never a drain. */
    void refusedNearMidnight(long dailyLimit) {
        long now = days.clock().millis();
        long next = days.nextMidnight().toEpochMilli();
        if (next - now < QuotaDays.MIDNIGHT_SKEW.toMillis()) {
            counts.blockUntil(next); // WeChat's old day is used up: nothing more goes to it
            MidnightWindow window = counts.window();
            if (window != null) {
                window.usedUp(); // and the new day is held
            }
        } else {
            hold(days.lastMidnight().toEpochMilli(), dailyLimit);
        }
    }

    /**
     * Holds the new day that begins at {@code midnight} (epoch millis) until WeChat confirms it, or W after it; from
     * now, when called before it: the old day's bucket is empty anyway, and so nothing depends on when the rollover task
     * runs.
     */
    void hold(long midnight, long dailyLimit) {
        SyncRecord last = history.last();
        boolean yesterdays = last != null && days.day(last.at()).isBefore(days.day(Instant.ofEpochMilli(midnight)));
        oldDayUsed = yesterdays ? last.used() : dailyLimit;
        heldFrom = midnight;
        long until = midnight + QuotaDays.MIDNIGHT_SKEW.toMillis();
        heldUntil = until;
        counts.blockUntil(until);
    }

    /** Whether a call refused by the hold should ask WeChat now (at most once a second); counts as asking. */
    synchronized boolean mayAsk() {
        long now = days.clock().millis();
        if (now < heldFrom || now >= heldUntil || now - askedAt < ASK_INTERVAL_MILLIS) {
            return false;
        }
        askedAt = now;
        return true;
    }

    /**
     * Whether an answer sampled within W after midnight shows WeChat's new day ({@code used} below the old day's), so
     * that it may be applied although so close to midnight.
     */
    boolean provesNewDay(SyncSample before, ApiQuota quota) {
        if (before.at().isBefore(days.lastMidnight())) {
            return false;
        }
        long used = days.clock().millis() < heldUntil ? oldDayUsed : yesterdaysUsed();
        return quota.used() < used;
    }

    private long yesterdaysUsed() {
        SyncRecord last = history.last();
        return last != null && days.day(last.at()).isBefore(days.today()) ? last.used() : Long.MIN_VALUE;
    }

    /** Whether a new day is held now, until WeChat confirms it or W passes. */
    boolean held() {
        return days.clock().millis() < heldUntil;
    }

    /** WeChat's new day was confirmed (and its answer applied): the hold ends. */
    void newDayConfirmed() {
        long until = heldUntil;
        if (until != 0) {
            heldUntil = 0;
            counts.endBlock(until);
        }
    }
}
