package io.github.wechatquota.engine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
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

    KeyState(QuotaKey key, String storeKey, QuotaStore store, Clock clock, ZoneId zone, LimitResolver resolver) {
        this.key = key;
        this.storeKey = storeKey;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.resolver = resolver;
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

    /** Takes {@code cost} tokens from every bucket, or none. */
    boolean tryAcquire(long cost) {
        long blocked = blockedUntil;
        if (blocked != 0 && clock.millis() < blocked) {
            return false;
        }
        Bucket dailyBucket = daily;
        if (dailyBucket != null && !dailyBucket.tryConsume(cost)) {
            return false;
        }
        Bucket minuteBucket = minute;
        if (minuteBucket != null && !minuteBucket.tryConsume(cost)) {
            if (dailyBucket != null) {
                dailyBucket.addTokens(cost);
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
        Bucket dailyBucket = daily;
        if (dailyBucket != null) {
            dailyBucket.addTokens(cost);
        }
        Bucket minuteBucket = minute;
        if (minuteBucket != null) {
            minuteBucket.addTokens(cost);
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
        Bucket dailyBucket = daily;
        return dailyBucket != null && dailyBucket.getAvailableTokens() < cost;
    }

    /** Milliseconds until {@code cost} tokens could be taken, or -1 when not before the day ends. */
    long millisUntilAvailable(long cost) {
        long now = clock.millis();
        long wait = Math.max(0, blockedUntil - now);
        Bucket dailyBucket = daily;
        if (dailyBucket != null && dailyBucket.getAvailableTokens() < cost) {
            return -1;
        }
        if (blockedUntil >= nextMidnight().toEpochMilli()) {
            return -1;
        }
        Bucket minuteBucket = minute;
        if (minuteBucket != null) {
            long nanos = minuteBucket.estimateAbilityToConsume(cost).getNanosToWaitForRefill();
            wait = Math.max(wait, TimeUnit.NANOSECONDS.toMillis(nanos) + (nanos % 1_000_000 == 0 ? 0 : 1));
        }
        return wait;
    }

    /** WeChat answered 45009 or 45011: it knows better, so the bucket is drained until its reset. */
    void limitedByWeChat(int errcode) {
        if (errcode == Errcodes.MINUTE_LIMIT) {
            Bucket minuteBucket = minute;
            if (minuteBucket != null) {
                minuteBucket.tryConsumeAsMuchAsPossible();
            }
            long window = TimeUnit.SECONDS.toMillis(currentLimits().refreshSeconds());
            blockedUntil = (clock.millis() / window + 1) * window;
            return;
        }
        Bucket dailyBucket = daily;
        if (dailyBucket != null) {
            dailyBucket.tryConsumeAsMuchAsPossible();
        } else {
            blockedUntil = nextMidnight().toEpochMilli();
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
        } else if (daily != null && daily.getAvailableTokens() > 0 && minute != null) {
            resetAt = clock.instant().plusNanos(minute.estimateAbilityToConsume(1).getNanosToWaitForRefill());
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
        return new SyncSample(today(), dailyBucket == null ? -1 : dailyBucket.getAvailableTokens(), unanswered,
                generation);
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

    void syncFailed(String message) {
        lastSyncError = message;
    }

    /** getApiQuota cannot answer for this path (76021, 76022, 76003): it is not asked again. */
    void markNotQueryable(int errcode, String message) {
        notQueryableErrcode = errcode;
        lastSyncError = message;
    }

    boolean queryable() {
        return notQueryableErrcode == 0 && !key.cgiPath().contains("/sns/");
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
        Bucket dailyBucket = daily;
        long remaining = dailyBucket == null ? -1 : Math.max(0, dailyBucket.getAvailableTokens());
        long used = dailyBucket == null ? -1 : Math.max(0, current.usable() - remaining);
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
