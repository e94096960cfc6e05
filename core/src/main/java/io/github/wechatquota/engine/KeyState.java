package io.github.wechatquota.engine;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.CgiPath;
import io.github.wechatquota.store.SyncRecord;
import io.github.wechatquota.wechat.Errcodes;

/**
 * Everything known of one quota: its limits, its buckets in the store, its last sync. The permitted path reads two
 * volatile fields and takes from one or two buckets; changes of limits are serialised on the instance.
 */
final class KeyState {

    final QuotaKey key;
    final String storeKey;
    private final QuotaDays days;
    private final LimitResolver resolver;

    private volatile Declarations declared = Declarations.NONE;
    private volatile Limits limits;
    private final QuotaCounts counts;
    private final SyncHistory history;
    private final StoreCircuit circuit;
    // Made on first need, so that a platform's many quotas that are only ever called carry neither (issue: memory).
    /** What WeChat's answers taught; until the first, the ceiling is held and nothing is there to ask for. */
    private volatile LearnedMargin margin;
    /** The quota across midnight once a new day was held or an answer sampled. */
    private volatile MidnightTurn midnight;
    /** The permits taken when a sync round last looked ({@link SyncDemand}); read and written by that round only. */
    private long permitsSeenByRound;
    /** A 45009 the guard did not expect: the next round asks WeChat. */
    private volatile boolean syncWanted;

    /** @param days the guard's quota days, shared by every quota */
    KeyState(QuotaKey key, String storeKey, QuotaDays days, LimitResolver resolver, StoreCircuit circuit) {
        this.key = key;
        this.storeKey = storeKey;
        this.days = days;
        this.counts = new QuotaCounts(days);
        this.resolver = resolver;
        this.circuit = circuit;
        this.history = new SyncHistory(CgiPath.isSns(key.cgiPath()));
    }

    /** Adds a guarded method's declaration: the lowest annotated limits count. Creates the buckets on first call. */
    synchronized void declare(ApiDefinition definition, QuotaPolicy resolvedPolicy) {
        declared = resolver.shared(declared.with(definition, resolvedPolicy));
        if (limits == null) {
            SyncRecord known = sharedRecords().todaysIfReachable();
            history.known(known);
            reconfigure(resolver.resolve(key, declared.daily(), declared.perMinute(), known, queryable()));
        } else {
            reconfigureKeepingUsed(resolve(history.last()));
        }
    }

    /**
     * Puts new limits in force keeping today's count: a limit lowered from 1000 to 600 after 500 calls leaves 100, not
     * 500. Tokens are taken before a bucket shrinks and given after it grows, so the capacity clips neither move.
     */
    private void reconfigureKeepingUsed(Limits next) {
        Limits previous = limits;
        StoredBucket count = counts.daily();
        if (count == null || !previous.hasDailyLimit() || !next.hasDailyLimit()) {
            reconfigure(next);
            return;
        }
        long delta = next.usable() - previous.usable();
        if (delta != 0) {
            history.limitsChanged(); // a sync sampled before this move would make it again
        }
        if (delta < 0) {
            count.moveBy(delta);
            reconfigure(next);
        } else {
            reconfigure(next);
            count.moveBy(delta);
        }
    }

    /** The buckets, WeChat's block and the calls in flight, which the call path works on. */
    QuotaCounts counts() {
        return counts;
    }

    /**
     * WeChat answered 45009 or 45011: it knows better, so the bucket is drained until its reset; after a 45009 nothing
     * is held to ask for, and the margin stays at its ceiling for the rest of the day. A 45009 within the clock skew
     * tolerated around midnight may be WeChat's other day: it neither drains nor widens ({@link MidnightTurn}).
     */
    void limitedByWeChat(int errcode) {
        if (errcode == Errcodes.DAILY_LIMIT && days.nearMidnight(days.clock().instant())) {
            midnight().refusedNearMidnight(dailyLimit());
            return;
        }
        counts.limitedByWeChat(errcode, currentLimits().refreshSeconds());
        if (errcode == Errcodes.DAILY_LIMIT) {
            margin().widen(days.today());
            syncWanted = true;
        }
    }

    /** Whether a 45009 asked for a sync since the last round; the request is taken. */
    boolean takeSyncWanted() {
        boolean wanted = syncWanted;
        syncWanted = false;
        return wanted;
    }

    /** Whether permits were taken since the last sync round looked; remembers what it saw. */
    boolean usedSinceLastRound() {
        long permits = counts.permitsTaken();
        boolean used = permits != permitsSeenByRound;
        permitsSeenByRound = permits;
        return used;
    }

    /**
     * Whether a call refused for want of {@code cost} should first ask WeChat: the new day is held until WeChat confirms
     * its own (asked at most once a second); or the last sync held calls back (the margin, near the end of the quota)
     * and WeChat was not asked within the last second.
     */
    boolean mayAskWeChat(long cost) {
        MidnightTurn turn = midnight;
        if (turn != null && queryable() && turn.mayAsk()) {
            return true;
        }
        LearnedMargin taught = margin;
        // Near midnight an answer is not applied (WeChat's clock may be on the other day): asking would change nothing.
        return taught != null && taught.holdsCalls(days.today()) && !days.nearMidnight(days.clock().instant())
                && queryable() && counts.dailyExhausted(cost)
                && taught.mayAsk(days.clock().millis(), counts.permitsTaken());
    }

    /**
     * Of {@code remaining} calls WeChat allows today, those the bucket is given now under {@code limits} (those in
     * force, or those a sync is putting in force): all but what the margin holds ({@link LearnedMargin}).
     */
    long release(long remaining, Limits under) {
        if (under == null || !under.hasDailyLimit() || !queryable()) {
            return remaining;
        }
        return LearnedMargin.release(remaining, heldTokens(under.dailyLimit()));
    }

    /** The calls the margin holds today beyond its floor: the ceiling's until WeChat's answers taught otherwise. */
    private long heldTokens(long dailyLimit) {
        LearnedMargin taught = margin;
        return taught != null ? taught.heldTokens(dailyLimit, days.today())
                : LearnedMargin.heldTokens(resolver.safetyMargin(), dailyLimit);
    }

    /** The margin's state, made now if it was not yet: for what changes it. */
    LearnedMargin margin() {
        LearnedMargin taught = margin;
        if (taught == null) {
            synchronized (this) {
                taught = margin;
                if (taught == null) {
                    taught = new LearnedMargin(resolver.safetyMargin());
                    margin = taught;
                }
            }
        }
        return taught;
    }

    /** Whether a third-party platform calls WeChat for the account ({@link LimitResolver#calledByPlatform}). */
    boolean calledByPlatform() {
        return resolver.calledByPlatform(key);
    }


    /** The quota across midnight (a new day held, an answer near it), made now if it was not yet. */
    MidnightTurn midnight() {
        MidnightTurn turn = midnight;
        if (turn == null) {
            synchronized (this) {
                turn = midnight;
                if (turn == null) {
                    turn = new MidnightTurn(counts, days, history);
                    midnight = turn;
                }
            }
        }
        return turn;
    }

    /**
     * W before midnight: the calls in flight now and every permit from now on count twice ({@link MidnightWindow}); a
     * day found used up in the window holds the new day ({@link MidnightTurn#hold}).
     */
    void openMidnightWindow(long midnightMillis) {
        long dailyLimit = dailyLimit();
        counts.openWindow(new MidnightWindow(midnightMillis, inFlightTokens(), counts.permitsTaken(),
                () -> midnight().hold(midnightMillis, dailyLimit)));
    }

    /** What {@link #rollOver} returns for a quota the new day's first sync asks about whatever happens next. */
    static final long ASK_AT_NEW_DAY = -1;

    /**
     * Midnight passed: the new day is charged with what the window let through.
     *
     * @return {@link #ASK_AT_NEW_DAY} when the new day's first sync must ask WeChat about this quota: the new day was
     *     charged calls WeChat may have counted on the old one (to give back), or it is held (to confirm); else the
     *     quota's permits taken when the window opened, so that the sync asks about it only if it was used since
     *     ({@link #usedSince}: calls sent after this instance's midnight may still be on WeChat's old day). Any other
     *     quota is asked on its first use of the day ({@link SyncDemand}): a platform's idle quotas cost no call at all.
     */
    long rollOver() {
        MidnightWindow window = counts.closeWindow();
        long charge = window == null ? inFlightTokens() : window.charge();
        StoredBucket daily = counts.daily();
        if (charge > 0 && daily != null) {
            daily.moveBy(-charge);
        }
        MidnightTurn turn = midnight;
        if (charge > 0 || (turn != null && turn.held())) {
            return ASK_AT_NEW_DAY;
        }
        return window == null ? counts.permitsTaken() : window.permitsAtOpen();
    }

    /** Whether permits were taken since {@code permitsMark} (a {@link QuotaCounts#permitsTaken} reading). */
    boolean usedSince(long permitsMark) {
        return counts.permitsTaken() != permitsMark;
    }

    /** The daily limit in force, or -1. */
    private long dailyLimit() {
        Limits current = limits;
        return current == null || !current.hasDailyLimit() ? -1 : current.dailyLimit();
    }

    private long inFlightTokens() {
        return (long) counts.inFlight() * declared.largestCost();
    }

    /**
     * The calls in flight a sync answer may be missing, from this instance's {@code own}: on a shared store the other
     * instances have calls in flight too, which an answer applied here must not give back; they are estimated as as
     * many as this instance's each ({@code store.expected-instances}).
     */
    long inFlightEstimate(int own) {
        return circuit.store().shared() ? (long) own * circuit.expectedInstances() : own;
    }

    /** After a clear_quota: the whole usable quota is available again. */
    void refillAfterClear() {
        Limits current = limits;
        counts.refillAfterClear(current == null ? -1 : current.usable());
    }

    QuotaExhaustedException exhausted(String reason) {
        return new QuotaExhaustedException(key.appId(), key.cgiPath(), currentLimits().dailyLimit(), counts.resetAt(),
                reason);
    }

    /** What a sync works with: the state it samples, moves and records. */
    QuotaDays days() {
        return days;
    }

    /** This quota's entries in the store's sync ledger (a view: nothing is kept per quota for it). */
    SharedSyncRecords sharedRecords() {
        return new SharedSyncRecords(key, storeKey, circuit.store(), circuit, days);
    }

    /** The syncs this instance knows of. */
    SyncHistory history() {
        return history;
    }

    /** How often the store lost the daily bucket, which was rebuilt empty. */
    long rebuilds() {
        StoredBucket daily = counts.daily();
        return daily == null ? 0 : daily.rebuilds();
    }

    /** Whether the store lost the daily bucket since the last sync: it holds nothing until WeChat says what remains. */
    boolean lostSinceSync() {
        return history.lostSince(rebuilds());
    }

    /**
     * WeChat's answer is being applied (under the instance lock): it is the last sync. Shared with other instances only
     * once the bucket has moved ({@link #share}): an instance that samples the shared record must find the move in the
     * bucket too, or its own answer would make the same move again.
     */
    void synced(SyncRecord record, long rebuildsSeen) {
        history.applied(record, rebuildsSeen);
    }

    /** The applied answer, its move made, becomes the last sync of every instance sharing the store. */
    void share(SyncRecord record) {
        sharedRecords().record(record);
    }

    /** The limits a sync's record implies. */
    Limits resolve(SyncRecord record) {
        return resolver.resolve(key, declared.daily(), declared.perMinute(), record, queryable());
    }

    /** Puts limits in force; called under the instance lock. */
    void putInForce(Limits next) {
        reconfigure(next);
    }

    /**
     * Another instance sharing the store synced this quota: its answer already moved the shared bucket, so only the
     * limits it implies are taken over here.
     */
    synchronized void adopt(SyncRecord record) {
        if (record == null || !days.isToday(record.at()) || !history.isNewer(record)) {
            return;
        }
        history.adopted(record);
        Limits next = resolver.resolve(key, declared.daily(), declared.perMinute(), record, queryable());
        reconfigure(next);
        if (next.hasDailyLimit()) {
            long remaining = Math.max(0, next.usable() - record.used());
            long released = release(remaining, next);
            if (released < remaining || margin != null) {
                // The instance that applied the answer knows the leases it counted, and asks again for them.
                margin().released(days.today(), remaining, released, 0, 0);
            }
        }
    }

    /**
     * getApiQuota cannot answer for this path (76021, 76022, 76003): it is not asked again, and the whole margin is
     * kept out of the bucket, since no sync will hold it.
     */
    synchronized void markNotQueryable(int errcode, String message) {
        history.notQueryable(errcode, message);
        LearnedMargin taught = margin;
        if (taught != null) {
            taught.nothingHeld();
        }
        if (limits != null) {
            reconfigureKeepingUsed(resolve(history.last()));
        }
    }

    boolean queryable() {
        return history.queryable();
    }

    /**
     * Puts the limits in force: creates the counts, or changes their configuration keeping the tokens they hold. A new
     * daily count starts from today's last sync when there is one, else from a full day.
     */
    private void reconfigure(Limits next) {
        Limits previous = limits;
        limits = next;
        if (next.hasDailyLimit()) {
            long usable = next.usable();
            if (counts.daily() == null) {
                StoredBucket daily = new StoredBucket(key, storeKey, circuit.store(), circuit, days.clock(),
                        new BucketShapes.Daily(this), false, Lease.of(circuit.store(), circuit, storeKey, days));
                counts.daily(daily);
                daily.attach();
            } else if (previous == null || previous.usable() != usable) {
                counts.daily().reconfigure(BucketShapes.daily(usable, usable, days.nextMidnight()));
            }
        }
        if (next.hasMinuteLimit()) {
            if (counts.minute() == null) {
                StoredBucket minute = new StoredBucket(key, storeKey + ":minute", circuit.store(), circuit,
                        days.clock(), new BucketShapes.Minute(this), true);
                counts.minute(minute);
                minute.attach();
            } else if (previous == null || previous.perMinuteLimit() != next.perMinuteLimit()
                    || previous.refreshSeconds() != next.refreshSeconds()) {
                counts.minute().reconfigure(BucketShapes.minute(next.perMinuteLimit(), next.refreshSeconds(),
                        days.clock().millis()));
            }
        } else {
            counts.minute(null);
        }
    }

    /** The guard closes: tokens leased and not spent go back to the shared count. */
    void close() {
        StoredBucket count = counts.daily();
        if (count != null) {
            count.close();
        }
    }

    Limits currentLimits() {
        return limits;
    }

    /** Whether the first declaration has put limits in force; until then there is nothing to show. */
    boolean declared() {
        return limits != null;
    }

    QuotaPolicy policy() {
        return declared.policy();
    }

    QuotaSnapshot snapshot() {
        return QuotaSnapshot.of(this);
    }

    /**
     * What is not handed out now: the margin's floor and any reserve, and for a quota WeChat can be asked about, what
     * the margin holds until it is.
     */
    long heldBack(Limits current) {
        return current.heldBack() + (current.hasDailyLimit() && queryable() ? heldTokens(current.dailyLimit()) : 0);
    }

    /** The margin held today, and the drift that taught it (NaN without evidence, or for a quota never synced). */
    double marginToday() {
        LearnedMargin taught = margin;
        return queryable() && taught != null ? taught.margin(days.today()) : resolver.safetyMargin();
    }

    double observedDrift() {
        LearnedMargin taught = margin;
        return queryable() && taught != null ? taught.observedDrift(days.today()) : Double.NaN;
    }
}
