package io.github.wechatquota.engine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.CgiPath;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncRecord;
import io.github.wechatquota.wechat.ApiQuota;
import io.github.wechatquota.wechat.Errcodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Everything known of one quota: its limits, its buckets in the store, its last sync. The permitted path reads two
 * volatile fields and takes from one or two buckets; changes of limits are serialised on the instance.
 */
final class KeyState {

    final QuotaKey key;
    final String storeKey;
    private final QuotaStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final LimitResolver resolver;

    private volatile long annotatedDaily = -1;
    private volatile long annotatedPerMinute = -1;
    private volatile QuotaPolicy policy;
    private volatile Limits limits;
    /** The daily count, or null when no daily limit is known. */
    private volatile StoredBucket daily;
    /** The per-minute count, or null when the API has no minute limit. */
    private volatile StoredBucket minute;
    /** Epoch millis before which WeChat said no (45011, or 45009 without a known limit); 0 when none. */
    private volatile long blockedUntil;
    private volatile SyncRecord lastSync;
    private volatile String lastSyncError;
    private volatile int notQueryableErrcode;
    /** Calls let through and not yet answered: WeChat may not have counted them when a sync asks. */
    private final AtomicInteger inFlight = new AtomicInteger();
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
        this.zone = zone;
        this.resolver = resolver;
        this.circuit = circuit;
        this.requestSync = requestSync;
        this.sns = CgiPath.isSns(key.cgiPath());
    }

    /** Adds a guarded method's declaration: the lowest annotated limits count. Creates the buckets on first call. */
    synchronized void declare(ApiDefinition definition, QuotaPolicy resolvedPolicy) {
        annotatedDaily = lowestPositive(annotatedDaily, definition.dailyLimit());
        annotatedPerMinute = lowestPositive(annotatedPerMinute, definition.perMinuteLimit());
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
        if (!circuit.shouldTry()) {
            return null;
        }
        try {
            return store.syncs().last(storeKey).filter(record -> day(record.at()).equals(today())).orElse(null);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return null;
        }
    }

    /**
     * Puts new limits in force keeping today's count: a limit lowered from 1000 to 600 after 500 calls leaves 100, not
     * 500. Tokens are taken before a bucket shrinks and given after it grows, so the capacity clips neither move.
     */
    private void reconfigureKeepingUsed(Limits next) {
        Limits previous = limits;
        StoredBucket count = daily;
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

    /**
     * Takes {@code cost} tokens from every bucket, or none.
     *
     * @throws io.github.wechatquota.QuotaStoreUnavailableException when the store is unreachable under fail-closed
     */
    boolean tryAcquire(long cost) {
        long blocked = blockedUntil;
        if (blocked != 0 && clock.millis() < blocked) {
            return false;
        }
        StoredBucket count = daily;
        if (count != null && !count.tryTake(cost)) {
            return false;
        }
        StoredBucket perMinute = minute;
        if (perMinute != null && !perMinute.tryTake(cost)) {
            if (count != null) {
                count.giveBack(cost);
            }
            return false;
        }
        inFlight.incrementAndGet();
        return true;
    }

    /** A call let through by {@link #tryAcquire} has been answered (or failed). */
    void callDone() {
        inFlight.decrementAndGet();
    }

    /** Gives back tokens taken for a call that was not made. */
    void release(long cost) {
        inFlight.decrementAndGet();
        StoredBucket count = daily;
        if (count != null) {
            count.giveBack(cost);
        }
        StoredBucket perMinute = minute;
        if (perMinute != null) {
            perMinute.giveBack(cost);
        }
    }

    /** The daily bucket's tokens: the store's, or the local share's while it is away; -1 when unknown. */
    private long available() {
        StoredBucket count = daily;
        return count == null ? -1 : count.available();
    }

    /**
     * Whether the daily quota, which clear_quota resets, is what is missing: its bucket lacks {@code cost}, or WeChat's
     * 45009 blocks it until midnight. False when only a per-minute limit stands in the way.
     */
    boolean dailyExhausted(long cost) {
        if (blockedUntil >= nextMidnight().toEpochMilli()) {
            return true;
        }
        return daily != null && available() < cost;
    }

    /** Milliseconds until {@code cost} tokens could be taken, or -1 when not before the day ends. */
    long millisUntilAvailable(long cost) {
        long now = clock.millis();
        long wait = Math.max(0, blockedUntil - now);
        if (daily != null && available() < cost) {
            return -1;
        }
        if (blockedUntil >= nextMidnight().toEpochMilli()) {
            return -1;
        }
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

    /** WeChat answered 45009 or 45011: it knows better, so the bucket is drained until its reset. */
    void limitedByWeChat(int errcode) {
        if (errcode == Errcodes.MINUTE_LIMIT) {
            StoredBucket perMinute = minute;
            long window = TimeUnit.SECONDS.toMillis(currentLimits().refreshSeconds());
            blockedUntil = (clock.millis() / window + 1) * window;
            if (perMinute != null) {
                perMinute.drain();
            }
            return;
        }
        StoredBucket count = daily;
        if (count == null || !count.drain()) {
            blockedUntil = nextMidnight().toEpochMilli(); // the store is away: remember it here at least
        }
    }

    /** After a clear_quota: the whole usable quota is available again. */
    void refillAfterClear() {
        blockedUntil = 0;
        StoredBucket count = daily;
        Limits current = limits;
        if (count != null && current != null) {
            count.moveBy(current.usable());
        }
    }

    QuotaExhaustedException exhausted(String reason) {
        Limits current = currentLimits();
        long blocked = blockedUntil;
        Instant resetAt;
        if (blocked != 0 && blocked > clock.millis()) {
            resetAt = Instant.ofEpochMilli(blocked);
        } else if (daily != null && minute != null && available() > 0) {
            resetAt = clock.instant().plusNanos(minuteNanosToWait(1));
        } else {
            resetAt = nextMidnight();
        }
        return new QuotaExhaustedException(key.appId(), key.cgiPath(), current.dailyLimit(), resetAt, reason);
    }

    // ---- sync -------------------------------------------------------------------------------------------------

    /** A sample to take before asking WeChat, so that calls made while the answer travels are not lost. */
    SyncSample sample() {
        long generation = syncGeneration;
        int unanswered = inFlight.get();
        StoredBucket count = daily;
        long tokens = count == null || !count.isAttached() ? -1 : count.available();
        return new SyncSample(today(), tokens, unanswered, generation);
    }

    /**
     * @param day the day of the sample
     * @param available the tokens in the daily bucket, or -1 when it had none (or the store was away)
     * @param inFlight calls let through but not yet answered: WeChat's count may or may not include them
     * @param generation how many syncs (and limit changes) were applied when the sample was taken: one applied since
     *     has already moved the bucket, by calls or a change this sample knows nothing of
     */
    record SyncSample(LocalDate day, long available, int inFlight, long generation) {
    }

    /**
     * Sets the quota to what WeChat says remains, less what is held back. Tokens taken since {@code before} stay taken:
     * the bucket moves by the difference between WeChat's figure and the sample, never to an absolute value.
     */
    synchronized void applySync(ApiQuota quota, SyncSample before) {
        if (!before.day().equals(today())) {
            return; // The answer straddles midnight: it describes a day that is over.
        }
        if (before.generation() != syncGeneration) {
            // Another sync of this quota, sampled before or after this one, was applied meanwhile: moving the bucket
            // by this sample's difference too would count the same calls twice. The applied answer stands.
            return;
        }
        syncGeneration++;
        long perMinute = quota.rateLimit().map(r -> r.callCount()).orElse(-1L);
        long refresh = quota.rateLimit().map(r -> r.refreshSeconds()).orElse(-1L);
        SyncRecord record = new SyncRecord(clock.instant(), quota.dailyLimit(), quota.used(), quota.remain(),
                perMinute, refresh);
        lastSync = record;
        lastSyncError = null;
        recordInStore(record);
        Limits next = resolver.resolve(key, annotatedDaily, annotatedPerMinute, record);
        StoredBucket count = daily;
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
        if (quota.remain() > 0 && blockedUntil >= nextMidnight().toEpochMilli()) {
            blockedUntil = 0; // WeChat has quota again (a clear in the console, say).
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
        if (record == null || !day(record.at()).equals(today())
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
            if (daily == null) {
                daily = new StoredBucket(key, storeKey, store, circuit, clock, new DailyShape(), this::lostAndRebuilt,
                        false);
                daily.attach();
            } else if (previous == null || previous.usable() != usable) {
                daily.reconfigure(dailyConfiguration(usable, usable));
            }
        }
        if (next.hasMinuteLimit()) {
            if (minute == null) {
                minute = new StoredBucket(key, storeKey + ":minute", store, circuit, clock, new MinuteShape(), () -> { },
                        true);
                minute.attach();
            } else if (previous == null || previous.perMinuteLimit() != next.perMinuteLimit()
                    || previous.refreshSeconds() != next.refreshSeconds()) {
                minute.reconfigure(minuteConfiguration(next.perMinuteLimit(), next.refreshSeconds()));
            }
        } else {
            minute = null;
        }
    }

    /** The daily count's bucket: capacity the usable limit, refilled at midnight. */
    private final class DailyShape implements StoredBucket.Shape {

        @Override
        public BucketConfiguration configuration(long capacity, long initialTokens) {
            return dailyConfiguration(capacity, initialTokens);
        }

        @Override
        public long usable() {
            return limits.usable();
        }

        @Override
        public long initialTokens() {
            long usable = limits.usable();
            SyncRecord sync = lastSync;
            return sync != null && day(sync.at()).equals(today()) ? Math.max(0, usable - sync.used()) : usable;
        }

        @Override
        public long knownRemaining() {
            SyncRecord sync = lastSync;
            long fromSync = sync != null && day(sync.at()).equals(today())
                    ? Math.max(0, limits.usable() - sync.used()) : -1;
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
            return minuteConfiguration(limits.perMinuteLimit(), limits.refreshSeconds());
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

    private BucketConfiguration dailyConfiguration(long usable, long initialTokens) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(usable)
                        .refillIntervallyAligned(usable, Duration.ofDays(1), nextMidnight())
                        .initialTokens(Math.min(usable, initialTokens))
                        .id("daily")
                        .build())
                .build();
    }

    private BucketConfiguration minuteConfiguration(long perMinute, long refreshSeconds) {
        long window = TimeUnit.SECONDS.toMillis(refreshSeconds);
        Instant nextWindow = Instant.ofEpochMilli((clock.millis() / window + 1) * window);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillIntervallyAligned(perMinute, Duration.ofSeconds(refreshSeconds), nextWindow)
                        .id("minute")
                        .build())
                .build();
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
        long tokens = available();
        long remaining = tokens < 0 ? -1 : Math.max(0, tokens);
        long used = remaining < 0 ? -1 : Math.max(0, current.usable() - remaining);
        SyncRecord sync = lastSync;
        return new QuotaSnapshot(key.appId(), key.cgiPath(), current.dailyLimit(), remaining, used, current.source(),
                policy, current.perMinuteLimit(), current.heldBack(), sync == null ? null : sync.at(),
                lastSyncError, queryable());
    }

    Instant nextMidnight() {
        return today().plusDays(1).atStartOfDay(zone).toInstant();
    }

    private LocalDate today() {
        return day(clock.instant());
    }

    private LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    private static long lowestPositive(long a, long b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        return a > 0 ? a : b;
    }
}
