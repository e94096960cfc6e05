package io.github.wechatquota.engine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.wechatquota.store.LocalQuotaStore;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything known of one quota: its limits, its buckets in the store, its last sync. The permitted path reads two
 * volatile fields and takes from one or two buckets; changes of limits are serialised on the instance.
 */
final class KeyState {

    private static final Logger LOG = LoggerFactory.getLogger(KeyState.class);

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
    /** The daily bucket, or null when no daily limit is known. */
    private volatile Bucket daily;
    /** The per-minute bucket, or null when the API has no minute limit. */
    private volatile Bucket minute;
    /** Epoch millis before which WeChat said no (45011, or 45009 without a known limit); 0 when none. */
    private volatile long blockedUntil;
    private volatile SyncRecord lastSync;
    private volatile String lastSyncError;
    private volatile int notQueryableErrcode;
    /** Calls let through and not yet answered: WeChat may not have counted them when a sync asks. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    /** Syncs applied (and limit changes made) so far; written under the instance lock. */
    private volatile long syncGeneration;
    private final StoreCircuit circuit;
    /** Syncs this quota on the calling thread. */
    private final java.util.function.Consumer<KeyState> requestSync;
    /** getApiQuota cannot answer for {@code /sns/} paths (76022). */
    private final boolean sns;
    /** While the store is unreachable under LOCAL_FALLBACK: the local bucket counting this instance's share. */
    private volatile Bucket fallback;
    /** Tokens taken from {@link #fallback}, to take from the store when it answers again. */
    private final java.util.concurrent.atomic.AtomicLong unreconciled = new java.util.concurrent.atomic.AtomicLong();
    /** The daily bucket's tokens when last read (by a sync or a snapshot), or -1. */
    private volatile long lastSeenAvailable = -1;

    KeyState(QuotaKey key, String storeKey, QuotaStore store, Clock clock, ZoneId zone, LimitResolver resolver,
            StoreCircuit circuit, java.util.function.Consumer<KeyState> requestSync) {
        this.key = key;
        this.storeKey = storeKey;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.resolver = resolver;
        this.circuit = circuit;
        this.requestSync = requestSync;
        this.sns = io.github.wechatquota.catalog.CgiPath.isSns(key.cgiPath());
    }

    /** Adds a guarded method's declaration: the lowest annotated limits count. Creates the buckets on first call. */
    synchronized void declare(ApiDefinition definition, QuotaPolicy resolvedPolicy) {
        annotatedDaily = lowestPositive(annotatedDaily, definition.dailyLimit());
        annotatedPerMinute = lowestPositive(annotatedPerMinute, definition.perMinuteLimit());
        if (policy == null) {
            policy = resolvedPolicy;
        }
        if (limits == null) {
            SyncRecord known = store.syncs().last(storeKey)
                    .filter(record -> day(record.at()).equals(today()))
                    .orElse(null);
            lastSync = known;
            reconfigure(resolver.resolve(key, annotatedDaily, annotatedPerMinute, known), known);
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
        Bucket dailyBucket = daily;
        if (dailyBucket == null || !previous.hasDailyLimit() || !next.hasDailyLimit()) {
            reconfigure(next, null);
            return;
        }
        long delta = next.usable() - previous.usable();
        if (delta != 0) {
            syncGeneration++; // a sync sampled before this move would make it again
        }
        if (delta < 0) {
            moveBy(dailyBucket, delta);
            reconfigure(next, null);
        } else {
            reconfigure(next, null);
            moveBy(dailyBucket, delta);
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
        if (!takeDaily(cost)) {
            return false;
        }
        Bucket minuteBucket = minute;
        if (minuteBucket != null && circuit.shouldTry()) {
            boolean took;
            try {
                took = minuteBucket.tryConsume(cost);
            } catch (RuntimeException unreachable) {
                // A minute limit is not worth a refusal: while the store is away, WeChat's 45011 is the guard.
                circuit.failed(key.toString(), unreachable);
                took = circuit.mode() != StoreFailureMode.FAIL_CLOSED;
            }
            if (!took) {
                giveBackDaily(cost);
                return false;
            }
        }
        inFlight.incrementAndGet();
        return true;
    }

    /** The daily part of {@link #tryAcquire}: the store, or while it is unreachable, what on-failure says. */
    private boolean takeDaily(long cost) {
        Bucket dailyBucket = daily;
        if (dailyBucket == null) {
            return true;
        }
        if (fallback != null && !circuit.shouldTry()) {
            return whileUnreachable(cost, null);
        }
        try {
            boolean took = dailyBucket.tryConsume(cost);
            if (fallback != null) {
                reconcile(dailyBucket);
            }
            return took;
        } catch (BucketNotFoundException lost) {
            return rebuildLost().tryConsume(cost);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return whileUnreachable(cost, unreachable);
        }
    }

    private boolean whileUnreachable(long cost, RuntimeException cause) {
        switch (circuit.mode()) {
            case FAIL_OPEN:
                return true;
            case FAIL_CLOSED:
                throw circuit.unavailable(key.toString(), cause);
            default:
                if (fallbackBucket().tryConsume(cost)) {
                    unreconciled.addAndGet(cost);
                    return true;
                }
                return false;
        }
    }

    private synchronized Bucket fallbackBucket() {
        Bucket current = fallback;
        if (current == null) {
            long usable = limits.usable();
            long share = Math.max(1, usable / circuit.expectedInstances());
            long known = knownRemaining();
            long initial = Math.max(0, known) / circuit.expectedInstances();
            current = LocalQuotaStore.create(clock, 1).bucket(storeKey, dailyConfiguration(share, initial));
            fallback = current;
            LOG.warn("{}: counting locally while the store is away: {} of a share of {} (last known remainder {} over "
                    + "{} expected instances)", key, initial, share, known, circuit.expectedInstances());
        }
        return current;
    }

    /** What WeChat (or the store) last said remains today, or -1 when nothing is known. */
    private long knownRemaining() {
        SyncRecord sync = lastSync;
        long fromSync = sync != null && day(sync.at()).equals(today())
                ? Math.max(0, limits.usable() - sync.used()) : -1;
        long seen = lastSeenAvailable;
        if (fromSync < 0) {
            return seen;
        }
        return seen < 0 ? fromSync : Math.min(fromSync, seen);
    }

    /** The store answers again: what this instance took locally is taken from the shared count too. */
    private synchronized void reconcile(Bucket dailyBucket) {
        if (fallback == null) {
            return;
        }
        circuit.answered();
        long taken = unreconciled.getAndSet(0);
        if (taken > 0) {
            dailyBucket.tryConsumeAsMuchAsPossible(taken);
        }
        fallback = null;
        LOG.info("{}: store reachable again; {} call(s) counted locally were taken from the shared count", key, taken);
    }

    /**
     * The store lost this quota's bucket (expired while idle, deleted, a Redis restart): rebuilt empty rather than
     * full, then synced from WeChat on this thread, which fills it with what really remains. Should the sync fail,
     * it stays empty until one succeeds: a lost count is never replaced by a fresh day.
     */
    private synchronized Bucket rebuildLost() {
        LOG.info("{}: the store has no state for this quota; rebuilding it from WeChat's count", key);
        Bucket rebuilt = store.bucket(storeKey, dailyConfiguration(Math.max(1, limits.usable()), 0));
        daily = rebuilt;
        syncGeneration++;
        requestSync.accept(this);
        return rebuilt;
    }

    private void giveBackDaily(long cost) {
        Bucket dailyBucket = daily;
        if (dailyBucket == null) {
            return;
        }
        try {
            if (fallback != null) {
                fallback.addTokens(cost);
                unreconciled.addAndGet(-cost);
            } else {
                dailyBucket.addTokens(cost);
            }
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
        }
    }

    /** A call let through by {@link #tryAcquire} has been answered (or failed). */
    void callDone() {
        inFlight.decrementAndGet();
    }

    /** Gives back tokens taken for a call that was not made. */
    void release(long cost) {
        inFlight.decrementAndGet();
        giveBackDaily(cost);
        Bucket minuteBucket = minute;
        if (minuteBucket != null) {
            try {
                minuteBucket.addTokens(cost);
            } catch (RuntimeException unreachable) {
                circuit.failed(key.toString(), unreachable);
            }
        }
    }

    /** The daily bucket's tokens: the store's, or the local share's while it is away; -1 when unknown. */
    private long available() {
        Bucket dailyBucket = daily;
        if (dailyBucket == null) {
            return -1;
        }
        Bucket local = fallback;
        if (local != null && !circuit.shouldTry()) {
            return local.getAvailableTokens();
        }
        try {
            long tokens = dailyBucket.getAvailableTokens();
            lastSeenAvailable = tokens;
            return tokens;
        } catch (BucketNotFoundException lost) {
            return rebuildLost().getAvailableTokens();
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return local != null ? local.getAvailableTokens() : -1;
        }
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
        Bucket minuteBucket = minute;
        if (minuteBucket != null) {
            long nanos = minuteNanosToWait(cost);
            wait = Math.max(wait, TimeUnit.NANOSECONDS.toMillis(nanos) + (nanos % 1_000_000 == 0 ? 0 : 1));
        }
        return wait;
    }

    private long minuteNanosToWait(long cost) {
        try {
            return minute.estimateAbilityToConsume(cost).getNanosToWaitForRefill();
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return 0;
        }
    }

    /** WeChat answered 45009 or 45011: it knows better, so the bucket is drained until its reset. */
    void limitedByWeChat(int errcode) {
        if (errcode == Errcodes.MINUTE_LIMIT) {
            Bucket minuteBucket = minute;
            long window = TimeUnit.SECONDS.toMillis(currentLimits().refreshSeconds());
            blockedUntil = (clock.millis() / window + 1) * window;
            if (minuteBucket != null) {
                drain(minuteBucket);
            }
            return;
        }
        Bucket dailyBucket = daily;
        if (dailyBucket == null || !drain(fallback != null ? fallback : dailyBucket)) {
            blockedUntil = nextMidnight().toEpochMilli(); // the store is away: remember it here at least
        }
    }

    private boolean drain(Bucket bucket) {
        try {
            bucket.tryConsumeAsMuchAsPossible();
            return true;
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return false;
        }
    }

    /** After a clear_quota: the whole usable quota is available again. */
    void refillAfterClear() {
        blockedUntil = 0;
        Bucket dailyBucket = daily;
        Limits current = limits;
        if (dailyBucket != null && current != null) {
            dailyBucket.addTokens(current.usable());
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
        Bucket dailyBucket = daily;
        int unanswered = inFlight.get();
        long tokens = dailyBucket == null ? -1 : dailyBucket.getAvailableTokens();
        if (tokens >= 0) {
            lastSeenAvailable = tokens;
        }
        return new SyncSample(today(), tokens, unanswered, generation);
    }

    /**
     * @param day the day of the sample
     * @param available the tokens in the daily bucket
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
        store.syncs().record(storeKey, record);
        Limits next = resolver.resolve(key, annotatedDaily, annotatedPerMinute, record);
        Bucket dailyBucket = daily;
        if (dailyBucket == null || !next.hasDailyLimit()) {
            reconfigure(next, record);
        } else if (before.available() < 0) {
            // The bucket was created, full, while the answer travelled: bring it down to what WeChat says remains.
            reconfigure(next, record);
            long excess = dailyBucket.getAvailableTokens() - Math.max(0, next.usable() - quota.used() - before.inFlight());
            moveBy(dailyBucket, -Math.max(0, excess));
        } else {
            // Calls still travelling when the sample was taken may be missing from WeChat's count: assume they are.
            long target = Math.max(0, next.usable() - quota.used() - before.inFlight());
            // Move by the difference only where the capacity has room for it: a bucket that grows is reconfigured
            // first, one that shrinks afterwards, so neither the move nor the new capacity clips the other.
            if (next.usable() >= limits.usable()) {
                reconfigure(next, record);
                moveBy(dailyBucket, target - before.available());
            } else {
                moveBy(dailyBucket, target - before.available());
                reconfigure(next, record);
            }
        }
        if (quota.remain() > 0 && blockedUntil >= nextMidnight().toEpochMilli()) {
            blockedUntil = 0; // WeChat has quota again (a clear in the console, say).
        }
    }

    private static void moveBy(Bucket bucket, long delta) {
        if (delta > 0) {
            bucket.addTokens(delta);
        } else if (delta < 0) {
            bucket.tryConsumeAsMuchAsPossible(-delta);
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
        reconfigure(resolver.resolve(key, annotatedDaily, annotatedPerMinute, record), null);
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
     * Puts the limits in force: creates the buckets, or changes their configuration keeping the tokens they hold.
     * {@code known}, when given, is a sync of today that a new bucket starts from.
     */
    private void reconfigure(Limits next, SyncRecord known) {
        Limits previous = limits;
        if (next.hasDailyLimit()) {
            long usable = next.usable();
            if (daily == null) {
                long initial = known == null ? usable : Math.max(0, usable - known.used());
                daily = store.bucket(storeKey, dailyConfiguration(usable, initial));
            } else if (previous == null || previous.usable() != usable) {
                daily.replaceConfiguration(dailyConfiguration(usable, usable), TokensInheritanceStrategy.AS_IS);
            }
        }
        if (next.hasMinuteLimit()) {
            BucketConfiguration configuration = minuteConfiguration(next.perMinuteLimit(), next.refreshSeconds());
            if (minute == null) {
                minute = store.bucket(storeKey + ":minute", configuration);
            } else if (previous == null || previous.perMinuteLimit() != next.perMinuteLimit()
                    || previous.refreshSeconds() != next.refreshSeconds()) {
                minute.replaceConfiguration(configuration, TokensInheritanceStrategy.AS_IS);
            }
        } else {
            minute = null;
        }
        limits = next;
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
