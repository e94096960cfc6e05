package io.github.wechatquota.engine;

import io.github.bucket4j.BucketConfiguration;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.CgiPath;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncRecord;
import io.github.wechatquota.wechat.ApiQuota;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Consumer;

/**
 * Everything known of one quota: its limits, its buckets in the store, its last sync. The permitted path reads two
 * volatile fields and takes from one or two buckets; changes of limits are serialised on the instance.
 */
final class KeyState {

    /** How long the right to apply the answer to one shared state is held: far longer than any sync takes. */
    private static final Duration SHARED_APPLY_CLAIM = Duration.ofMinutes(30);

    final QuotaKey key;
    final String storeKey;
    private final QuotaStore store;
    private final Clock clock;
    private final QuotaDays days;
    private final LimitResolver resolver;

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
    private final StoreCircuit circuit;
    /** Syncs this quota on the calling thread. */
    private final Consumer<KeyState> requestSync;
    /** getApiQuota cannot answer for {@code /sns/} paths (76022). */
    private final boolean sns;

    KeyState(QuotaKey key, String storeKey, QuotaStore store, Clock clock, ZoneId zone, LimitResolver resolver,
            StoreCircuit circuit, Consumer<KeyState> requestSync) {
        this.key = key;
        this.storeKey = storeKey;
        this.store = store;
        this.clock = clock;
        this.days = new QuotaDays(clock, zone);
        this.counts = new QuotaCounts(days);
        this.resolver = resolver;
        this.circuit = circuit;
        this.requestSync = requestSync;
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
            SyncRecord known = todaysRecordInStore();
            lastSync = known;
            reconfigure(resolver.resolve(key, annotatedDaily, annotatedPerMinute, known));
        } else {
            reconfigureKeepingUsed(resolver.resolve(key, annotatedDaily, annotatedPerMinute, lastSync));
        }
    }

    /** Another instance's sync of today, if the store answers (a store that does not is no reason to fail). */
    private SyncRecord todaysRecordInStore() {
        return circuit.shouldTry() ? recordOfToday() : null;
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

    /** A sample to take before asking WeChat, so that calls made while the answer travels are not lost. */
    SyncSample sample() {
        long generation = syncGeneration;
        int unanswered = counts.inFlight();
        StoredBucket count = counts.daily();
        long tokens = count == null || !count.isAttached() ? -1 : count.available();
        return new SyncSample(clock.instant(), today(), tokens, unanswered, generation, sharedSyncAt());
    }

    /**
     * When the last sync of this quota recorded in a shared store was made (epoch millis; 0 for none today), or -1 for
     * a store that is not shared or not reachable: what identifies the shared bucket's state a sync starts from.
     */
    private long sharedSyncAt() {
        if (!store.shared() || !circuit.shouldTry()) {
            return -1;
        }
        try {
            return store.syncs().last(storeKey).filter(record -> days.isToday(record.at()))
                    .map(record -> record.at().toEpochMilli()).orElse(0L);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return -1;
        }
    }

    /**
     * @param at when the sample was taken
     * @param day the day of the sample
     * @param available the tokens in the daily bucket, or -1 when it had none (or the store was away)
     * @param inFlight calls let through but not yet answered: WeChat's count may or may not include them
     * @param generation how many syncs (and limit changes) this instance applied when the sample was taken: one
     *     applied since has already moved the bucket, by calls or a change this sample knows nothing of
     * @param sharedSyncAt the last sync recorded in a shared store when the sample was taken (epoch millis, 0 for
     *     none), or -1: of the instances that sampled the same shared state, only one may apply its answer
     */
    record SyncSample(Instant at, LocalDate day, long available, int inFlight, long generation, long sharedSyncAt) {
    }

    /**
     * Sets the quota to what WeChat says remains, less what is held back. Tokens taken since {@code before} stay taken:
     * the bucket moves by the difference between WeChat's figure and the sample, never to an absolute value.
     */
    synchronized void applySync(ApiQuota quota, SyncSample before) {
        if (!before.day().equals(today())) {
            return; // The answer straddles midnight: it describes a day that is over.
        }
        if (days.nearMidnight(before.at())) {
            return; // WeChat's clock may be on the other day: its count could take this day's quota, or give it twice.
        }
        if (before.generation() != syncGeneration) {
            // Another sync of this quota, sampled before or after this one, was applied meanwhile: moving the bucket
            // by this sample's difference too would count the same calls twice. The applied answer stands.
            return;
        }
        if (before.sharedSyncAt() >= 0 && !claimShared(before.sharedSyncAt())) {
            // Another instance sampled the same shared bucket and applied its answer first: this difference would
            // move the bucket a second time. Its answer stands; its limits are taken over.
            adopt(recordOfToday());
            return;
        }
        syncGeneration++;
        SyncRecord.Builder answer = SyncRecord.builder(clock.instant()).dailyLimit(quota.dailyLimit())
                .used(quota.used()).remain(quota.remain());
        quota.rateLimit().filter(rate -> rate.callCount() > 0).ifPresent(rate -> {
            answer.perMinuteLimit(rate.callCount());
            if (rate.refreshSeconds() > 0) {
                answer.refreshSeconds(rate.refreshSeconds());
            }
        });
        SyncRecord record = answer.build();
        lastSync = record;
        lastSyncError = null;
        recordInStore(record);
        Limits next = resolver.resolve(key, annotatedDaily, annotatedPerMinute, record);
        StoredBucket count = counts.daily();
        if (count == null || !next.hasDailyLimit()) {
            reconfigure(next);
        } else if (before.available() < 0) {
            // The bucket was attached, from what was known then, while the answer travelled (or the store is away):
            // bring it down to what WeChat says remains.
            reconfigure(next);
            long target = Math.max(0, next.usable() - quota.used() - before.inFlight());
            long now = count.isAttached() ? count.available() : -1;
            if (now > target) {
                count.moveBy(target - now);
            }
        } else {
            // Calls still travelling when the sample was taken may be missing from WeChat's count: assume they are.
            long target = Math.max(0, next.usable() - quota.used() - before.inFlight());
            // Move by the difference only where the capacity has room for it: a bucket that grows is reconfigured
            // first, one that shrinks afterwards, so neither the move nor the new capacity clips the other.
            if (next.usable() >= limits.usable()) {
                reconfigure(next);
                count.moveBy(target - before.available());
            } else {
                count.moveBy(target - before.available());
                reconfigure(next);
            }
        }
        if (quota.remain() > 0) {
            counts.unblockIfBlockedForTheDay(); // WeChat has quota again (a clear in the console, say)
        }
    }

    /** Whether this instance may apply the first answer sampled from the shared state left by the sync at {@code at}. */
    private boolean claimShared(long sharedSyncAt) {
        try {
            return store.syncs().tryClaim(storeKey + ":applied-after:" + sharedSyncAt, SHARED_APPLY_CLAIM);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return true; // the store is away: nothing shared moves, so nothing moves twice
        }
    }

    private SyncRecord recordOfToday() {
        try {
            return store.syncs().last(storeKey).filter(record -> days.isToday(record.at())).orElse(null);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return null;
        }
    }

    /** Shares the answer with other instances; a store that is away only misses it (each instance syncs itself). */
    private void recordInStore(SyncRecord record) {
        if (!circuit.shouldTry()) {
            return;
        }
        try {
            store.syncs().record(storeKey, record);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
        }
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

    /** The store lost the daily bucket and rebuilt it empty: a sync sampled before then would move it wrongly. */
    private void lostAndRebuilt() {
        synchronized (this) {
            syncGeneration++;
        }
        requestSync.accept(this);
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
                StoredBucket daily = new StoredBucket(key, storeKey, store, circuit, clock, new DailyShape(),
                        this::lostAndRebuilt, false);
                counts.daily(daily);
                daily.attach();
            } else if (previous == null || previous.usable() != usable) {
                counts.daily().reconfigure(BucketShapes.daily(usable, usable, days.nextMidnight()));
            }
        }
        if (next.hasMinuteLimit()) {
            if (counts.minute() == null) {
                StoredBucket minute = new StoredBucket(key, storeKey + ":minute", store, circuit, clock,
                        new MinuteShape(), () -> { }, true);
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

    /** The daily count's bucket: capacity the usable limit, refilled at midnight. */
    private final class DailyShape implements StoredBucket.Shape {

        @Override
        public BucketConfiguration configuration(long capacity, long initialTokens) {
            return BucketShapes.daily(capacity, initialTokens, days.nextMidnight());
        }

        @Override
        public long usable() {
            return limits.usable();
        }

        @Override
        public long initialTokens() {
            long usable = limits.usable();
            SyncRecord sync = lastSync;
            return sync != null && days.isToday(sync.at()) ? Math.max(0, usable - sync.used()) : usable;
        }

        @Override
        public long knownRemaining() {
            SyncRecord sync = lastSync;
            long fromSync = sync != null && days.isToday(sync.at()) ? Math.max(0, limits.usable() - sync.used()) : -1;
            StoredBucket daily = counts.daily();
            long seen = daily == null ? -1 : daily.lastSeen();
            if (fromSync < 0) {
                return seen;
            }
            return seen < 0 ? fromSync : Math.min(fromSync, seen);
        }
    }

    /** The per-minute count's bucket: refilled at each window. */
    private final class MinuteShape implements StoredBucket.Shape {

        @Override
        public BucketConfiguration configuration(long capacity, long initialTokens) {
            return BucketShapes.minute(limits.perMinuteLimit(), limits.refreshSeconds(), clock.millis());
        }

        @Override
        public long usable() {
            return limits.perMinuteLimit();
        }

        @Override
        public long initialTokens() {
            return limits.perMinuteLimit();
        }

        @Override
        public long knownRemaining() {
            return -1;
        }
    }

    // ---- views ------------------------------------------------------------------------------------------------

    Limits currentLimits() {
        return limits;
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
        return new QuotaSnapshot(key, current, remaining, used, policy, sync == null ? null : sync.at(), lastSyncError,
                queryable());
    }

    private LocalDate today() {
        return days.today();
    }

    private static long lowestPositive(long a, long b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        return a > 0 ? a : b;
    }
}
