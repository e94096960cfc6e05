package io.github.wechatquota.engine;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.CgiPath;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncRecord;
import java.time.Clock;
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
    /** The daily bucket's {@link StoredBucket#rebuilds()} when last synced: any since left it empty until a sync. */
    private volatile long rebuildsSynced;
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
        this.sns = CgiPath.isSns(key.cgiPath());
    }

    /** Adds a guarded method's declaration: the lowest annotated limits count. Creates the buckets on first call. */
    synchronized void declare(ApiDefinition definition, QuotaPolicy resolvedPolicy) {
        largestCost = Math.max(largestCost, definition.cost());
        annotatedDaily = lowestPositive(annotatedDaily, definition.dailyLimit());
        annotatedPerMinute = lowestPositive(annotatedPerMinute, definition.perMinuteLimit());
        if (policy == null) {
            policy = resolvedPolicy;
        }
        if (limits == null) {
            SyncRecord known = sharedRecords.todaysIfReachable();
            lastSync = known;
            reconfigure(resolver.resolve(key, annotatedDaily, annotatedPerMinute, known));
        } else {
            reconfigureKeepingUsed(resolver.resolve(key, annotatedDaily, annotatedPerMinute, lastSync));
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

    /** WeChat answered 45009 or 45011: it knows better, so the bucket is drained until its reset. */
    void limitedByWeChat(int errcode) {
        counts.limitedByWeChat(errcode, currentLimits().refreshSeconds());
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
        rebuildsSynced = rebuildsSeen;
        lastSync = record;
        lastSyncError = null;
        sharedRecords.record(record);
    }

    /** The limits a sync's record implies. */
    Limits resolve(SyncRecord record) {
        return resolver.resolve(key, annotatedDaily, annotatedPerMinute, record);
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
        reconfigure(resolver.resolve(key, annotatedDaily, annotatedPerMinute, record));
    }

    void syncFailed(String message) {
        lastSyncError = message;
    }

    /** getApiQuota cannot answer for this path (76021, 76022, 76003): it is not asked again. */
    void markNotQueryable(int errcode, String message) {
        notQueryableErrcode = errcode;
        lastSyncError = message;
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
        long used = remaining < 0 ? -1 : Math.max(0, current.usable() - remaining);
        SyncRecord sync = lastSync;
        return new QuotaSnapshot(key.appId(), key.cgiPath(), current.dailyLimit(), remaining, used, current.source(),
                policy, current.perMinuteLimit(), current.heldBack(), sync == null ? null : sync.at(),
                lastSyncError, queryable());
    }

    private static long lowestPositive(long a, long b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        return a > 0 ? a : b;
    }
}
