package io.github.wechatquota.engine;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.CgiPath;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncRecord;
import io.github.wechatquota.wechat.Errcodes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Everything known of one quota: its limits, its buckets in the store, its last sync. The permitted path reads two
 * volatile fields and takes from one or two buckets; changes of limits are serialised on the instance.
 */
final class KeyState {

    final QuotaKey key;
    final String storeKey;
    private final QuotaStore store;
    private final Clock clock;
    private final QuotaDays days;
    private final LimitResolver resolver;
    private final SharedSyncRecords sharedRecords;

    private volatile long annotatedDaily = -1;
    /** The largest cost a declaring method takes per call: what a call in flight at midnight is charged. */
    private volatile int largestCost = 1;
    private volatile long annotatedPerMinute = -1;
    private volatile QuotaPolicy policy;
    private volatile Limits limits;
    private final QuotaCounts counts;
    private volatile SyncRecord lastSync;
    private volatile String lastSyncError;
    private volatile int notQueryableErrcode;
    /** Syncs applied (and limit changes made) so far; written under the instance lock. */
    private volatile long syncGeneration;
    private volatile long appliedGeneration = -1;
    /** The daily bucket's {@link StoredBucket#rebuilds()} when last synced: any since left it empty until a sync. */
    private volatile long rebuildsSynced;
    /** How often WeChat may be asked for what a sync held back. */
    private static final long ASK_INTERVAL_MILLIS = 1_000;

    private final LearnedMargin margin;
    /** Calls WeChat allowed at the last sync beyond those released to the bucket: worth asking WeChat again for. */
    private volatile long held;
    /** When WeChat was last asked for what was held (epoch millis). */
    private volatile long askedAt;
    private final StoreCircuit circuit;
    /** getApiQuota cannot answer for {@code /sns/} paths (76022). */
    private final boolean sns;

    KeyState(QuotaKey key, String storeKey, QuotaStore store, Clock clock, ZoneId zone, LimitResolver resolver,
            StoreCircuit circuit) {
        this.key = key;
        this.storeKey = storeKey;
        this.store = store;
        this.clock = clock;
        this.days = new QuotaDays(clock, zone);
        this.counts = new QuotaCounts(days);
        this.resolver = resolver;
        this.circuit = circuit;
        this.sharedRecords = new SharedSyncRecords(key, storeKey, store, circuit, days);
        this.margin = new LearnedMargin(resolver.safetyMargin());
        this.sns = CgiPath.isSns(key.cgiPath());
    }

    /** Adds a guarded method's declaration: the lowest annotated limits count. Creates the buckets on first call. */
    synchronized void declare(ApiDefinition definition, QuotaPolicy resolvedPolicy) {
        largestCost = Math.max(largestCost, definition.cost());
        annotatedDaily = lowestPositive(annotatedDaily, definition.dailyLimit().orElse(-1));
        annotatedPerMinute = lowestPositive(annotatedPerMinute, definition.perMinuteLimit().orElse(-1));
        if (policy == null) {
            policy = resolvedPolicy;
        }
        if (limits == null) {
            SyncRecord known = sharedRecords.todaysIfReachable();
            lastSync = known;
            reconfigure(resolver.resolve(key, annotatedDaily, annotatedPerMinute, known, queryable()));
        } else {
            reconfigureKeepingUsed(resolver.resolve(key, annotatedDaily, annotatedPerMinute, lastSync, queryable()));
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
            syncGeneration++; // a sync sampled before this move would make it again
        }
        if (delta < 0) {
            count.moveBy(delta);
            reconfigure(next);
        } else {
            reconfigure(next);
            count.moveBy(delta);
        }
    }

    // ---- the call path ----------------------------------------------------------------------------------------

    /** The buckets, WeChat's block and the calls in flight, which the call path works on. */
    QuotaCounts counts() {
        return counts;
    }

    /**
     * WeChat answered 45009 or 45011: it knows better, so the bucket is drained until its reset; after a 45009 nothing
     * is held to ask for, and the margin stays at its ceiling for the rest of the day (unless the 45009 came so close to
     * midnight that WeChat's clock may have been on the other day).
     */
    void limitedByWeChat(int errcode) {
        counts.limitedByWeChat(errcode, currentLimits().refreshSeconds());
        if (errcode == Errcodes.DAILY_LIMIT && !days.nearMidnight(clock.instant())) {
            held = 0;
            margin.widen(days.today());
        }
    }

    /**
     * Whether a call refused for want of {@code cost} should first ask WeChat: the last sync held calls back (the
     * margin, near the end of the quota) and WeChat was not asked within the last second.
     */
    boolean mayAskWeChat(long cost) {
        long now = clock.millis();
        if (held <= 0 || !queryable() || now - askedAt < ASK_INTERVAL_MILLIS || !counts.dailyExhausted(cost)) {
            return false;
        }
        askedAt = now;
        return true;
    }

    /** Of {@code remaining} calls WeChat allows today, those the bucket is given now ({@link LearnedMargin}). */
    long release(long remaining) {
        return release(remaining, limits);
    }

    /** {@link #release(long)} under the given limits (those a sync is putting in force, say). */
    long release(long remaining, Limits under) {
        return under == null || !under.hasDailyLimit() || !queryable() ? remaining
                : margin.release(remaining, under.dailyLimit(), days.today());
    }

    /** An answer was applied: {@code remaining} allowed, {@code released} handed to the bucket. */
    void released(long remaining, long released) {
        held = remaining - released;
    }

    LearnedMargin margin() {
        return margin;
    }

    /** What is never handed out (the margin's floor, any reserve) and what the margin holds until WeChat is asked. */
    private long heldBack(Limits current) {
        return current.heldBack() + (current.hasDailyLimit() && queryable()
                ? margin.heldTokens(current.dailyLimit(), days.today()) : 0);
    }

    /**
     * Midnight passed: the calls in flight were let through yesterday, but WeChat may count them today (it answers,
     * and counts, when they reach it), so they are taken from today's count too rather than be found missing tonight.
     */
    void chargeCallsInFlight() {
        int calls = counts.inFlight();
        StoredBucket daily = counts.daily();
        if (calls > 0 && daily != null) {
            daily.moveBy(-(long) calls * largestCost);
        }
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

    // ---- sync -------------------------------------------------------------------------------------------------

    /** What a sync works with: the state it samples, moves and records. */
    QuotaDays days() {
        return days;
    }

    SharedSyncRecords sharedRecords() {
        return sharedRecords;
    }

    /** Syncs applied (and limit changes made) so far. */
    long generation() {
        return syncGeneration;
    }

    /** The generation right after this instance last applied an answer: one since is a limit change. */
    long appliedGeneration() {
        return appliedGeneration;
    }

    /** How often the store lost the daily bucket, which was rebuilt empty. */
    long rebuilds() {
        StoredBucket daily = counts.daily();
        return daily == null ? 0 : daily.rebuilds();
    }

    /** Whether the store lost the daily bucket since the last sync: it holds nothing until WeChat says what remains. */
    boolean lostSinceSync() {
        return rebuilds() != rebuildsSynced;
    }

    /** WeChat's answer is being applied (under the instance lock): it is the last sync, shared with other instances. */
    void synced(SyncRecord record, long rebuildsSeen) {
        syncGeneration++;
        appliedGeneration = syncGeneration;
        rebuildsSynced = rebuildsSeen;
        lastSync = record;
        lastSyncError = null;
        sharedRecords.record(record);
    }

    /** The limits a sync's record implies. */
    Limits resolve(SyncRecord record) {
        return resolver.resolve(key, annotatedDaily, annotatedPerMinute, record, queryable());
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
        if (record == null || !days.isToday(record.at())
                || (lastSync != null && !record.at().isAfter(lastSync.at()))) {
            return;
        }
        lastSync = record;
        lastSyncError = null;
        Limits next = resolver.resolve(key, annotatedDaily, annotatedPerMinute, record, queryable());
        reconfigure(next);
        if (next.hasDailyLimit()) {
            long remaining = Math.max(0, next.usable() - record.used());
            held = remaining - release(remaining, next);
        }
    }

    void syncFailed(String message) {
        lastSyncError = message;
    }

    /**
     * getApiQuota cannot answer for this path (76021, 76022, 76003): it is not asked again, and the whole margin is
     * kept out of the bucket, since no sync will hold it.
     */
    synchronized void markNotQueryable(int errcode, String message) {
        notQueryableErrcode = errcode;
        lastSyncError = message;
        held = 0;
        if (limits != null) {
            reconfigureKeepingUsed(resolve(lastSync));
        }
    }

    boolean queryable() {
        return notQueryableErrcode == 0 && !sns;
    }

    // ---- configuration ----------------------------------------------------------------------------------------

    /**
     * Puts the limits in force: creates the counts, or changes their configuration keeping the tokens they hold. A new
     * daily count starts from today's last sync ({@link #lastSync}) when there is one, else from a full day.
     */
    private void reconfigure(Limits next) {
        Limits previous = limits;
        limits = next;
        if (next.hasDailyLimit()) {
            long usable = next.usable();
            if (counts.daily() == null) {
                StoredBucket daily = new StoredBucket(key, storeKey, store, circuit, clock, new BucketShapes.Daily(this),
                        false);
                counts.daily(daily);
                daily.attach();
            } else if (previous == null || previous.usable() != usable) {
                counts.daily().reconfigure(BucketShapes.daily(usable, usable, days.nextMidnight()));
            }
        }
        if (next.hasMinuteLimit()) {
            if (counts.minute() == null) {
                StoredBucket minute = new StoredBucket(key, storeKey + ":minute", store, circuit, clock,
                        new BucketShapes.Minute(this), true);
                counts.minute(minute);
                minute.attach();
            } else if (previous == null || previous.perMinuteLimit() != next.perMinuteLimit()
                    || previous.refreshSeconds() != next.refreshSeconds()) {
                counts.minute().reconfigure(BucketShapes.minute(next.perMinuteLimit(), next.refreshSeconds(),
                        clock.millis()));
            }
        } else {
            counts.minute(null);
        }
    }

    // ---- views ------------------------------------------------------------------------------------------------

    Limits currentLimits() {
        return limits;
    }

    /** The last sync this instance applied or adopted, or null. */
    SyncRecord lastSync() {
        return lastSync;
    }

    /** Whether the first declaration has put limits in force; until then there is nothing to show. */
    boolean declared() {
        return limits != null;
    }

    QuotaPolicy policy() {
        return policy;
    }

    QuotaSnapshot snapshot() {
        Limits current = limits;
        long tokens = counts.available();
        long remaining = tokens < 0 ? -1 : Math.max(0, tokens);
        long heldBack = heldBack(current);
        // The margin held until WeChat is asked is not used: calls used are what the usable part lacks beyond it.
        long used = remaining < 0 ? -1 : Math.max(0, current.usable() - (heldBack - current.heldBack()) - remaining);
        SyncRecord sync = lastSync;
        boolean learned = queryable();
        LocalDate today = days.today();
        return new QuotaSnapshot(key, current, remaining, used, policy, heldBack,
                learned ? margin.margin(today) : resolver.safetyMargin(),
                learned ? margin.observedDrift(today) : Double.NaN, sync == null ? null : sync.at(), lastSyncError,
                queryable());
    }

    private static long lowestPositive(long a, long b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        return a > 0 ? a : b;
    }
}
