package io.github.wechatquota.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The in-process store: local buckets in a bounded Caffeine cache, a compact lock-free one for each quota (one limit
 * filled up at midnight or at each minute window) and Bucket4j's own for any other configuration. Right for one instance; several instances
 * each with a local store each believe they own the whole quota.
 */
public final class LocalQuotaStore implements QuotaStore {

    /** An entry idle this long belongs to a past day and may go. */
    private static final Duration IDLE_EXPIRY = Duration.ofHours(48);

    private final TimeMeter timeMeter;
    private final Cache<String, Bucket> buckets;
    private final LocalClearLedger clears;
    private final Cache<String, SyncRecord> syncs;
    private final Cache<String, Long> claims;
    private final Clock clock;

    private LocalQuotaStore(Clock clock, long maximumKeys) {
        this.timeMeter = timeMeter(clock);
        this.clears = new LocalClearLedger(clock);
        this.buckets = Caffeine.newBuilder().maximumSize(maximumKeys).expireAfterAccess(IDLE_EXPIRY).build();
        this.syncs = Caffeine.newBuilder().maximumSize(maximumKeys).expireAfterWrite(IDLE_EXPIRY).build();
        this.claims = Caffeine.newBuilder().maximumSize(maximumKeys).expireAfterWrite(IDLE_EXPIRY).build();
        this.clock = clock;
    }

    /**
     * A local store keeping at most {@code maximumKeys} quotas.
     *
     * @param clock the time the buckets refill by; the engine's clock
     */
    public static LocalQuotaStore create(Clock clock, long maximumKeys) {
        Objects.requireNonNull(clock, "clock");
        if (maximumKeys < 1) {
            throw new IllegalArgumentException("maximumKeys must be positive, was " + maximumKeys);
        }
        return new LocalQuotaStore(clock, maximumKeys);
    }

    /** Bucket4j time from a {@link Clock}: wall-clock nanoseconds, as aligned refills need. */
    public static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.get(key, k -> newBucket(configuration));
    }

    /** A quota's shape gets the compact bucket; any other configuration a general Bucket4j bucket. */
    private Bucket newBucket(BucketConfiguration configuration) {
        return AlignedBucket.of(configuration, clock).orElseGet(() -> generalBucket(configuration));
    }

    private Bucket generalBucket(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder()
                .withCustomTimePrecision(timeMeter)
                // In-place updates under a lock: no allocation per call, unlike the lock-free copy-on-write strategy.
                .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED);
        for (Bandwidth bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    @Override
    public ClearLedger clears() {
        return clears;
    }

    @Override
    public SyncLedger syncs() {
        return new SyncLedger() {
            @Override
            public void record(String key, SyncRecord record) {
                syncs.put(key, record);
            }

            @Override
            public Optional<SyncRecord> last(String key) {
                return Optional.ofNullable(syncs.getIfPresent(key));
            }

            @Override
            public boolean tryClaim(String key, Duration ttl) {
                long now = clock.millis();
                long[] claimed = new long[1];
                claims.asMap().compute(key, (k, until) -> {
                    if (until == null || until <= now) {
                        claimed[0] = 1;
                        return now + ttl.toMillis();
                    }
                    return until;
                });
                return claimed[0] == 1;
            }
        };
    }

    /**
     * Forgets every clear counted, refused or recorded, as if the month had just begun: for tests that share one store
     * and should each start with the whole monthly budget ({@code wechat-quota-test} calls it before each test).
     */
    public void forgetClears() {
        clears.forget();
    }

    /** How many buckets the store holds now. */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static final class LocalClearLedger implements ClearLedger {
        private final Map<String, Integer> counts = new ConcurrentHashMap<>();
        private final Map<String, Boolean> refused = new ConcurrentHashMap<>();
        private final Map<String, Long> lastCleared = new ConcurrentHashMap<>();
        private final Map<String, Lease> leases = new ConcurrentHashMap<>();
        private final Clock clock;

        /** A held lock; compared by identity, so that only its holder's close releases it. */
        private static final class Lease {
            private final long expiresAt;

            Lease(long expiresAt) {
                this.expiresAt = expiresAt;
            }

            long expiresAt() {
                return expiresAt;
            }
        }

        void forget() {
            counts.clear();
            refused.clear();
            lastCleared.clear();
        }

        LocalClearLedger(Clock clock) {
            this.clock = clock;
        }

        private static String monthKey(String appId, YearMonth month) {
            return appId + '|' + month;
        }

        @Override
        public int used(String appId, YearMonth month) {
            return counts.getOrDefault(monthKey(appId, month), 0);
        }

        @Override
        public boolean tryReserve(String appId, YearMonth month, int maxPerMonth) {
            if (exhausted(appId, month)) {
                return false;
            }
            boolean[] reserved = new boolean[1];
            counts.compute(monthKey(appId, month), (key, used) -> {
                int current = used == null ? 0 : used;
                reserved[0] = current < maxPerMonth;
                return reserved[0] ? current + 1 : current;
            });
            return reserved[0];
        }

        @Override
        public void markExhausted(String appId, YearMonth month) {
            refused.put(monthKey(appId, month), Boolean.TRUE);
        }

        @Override
        public boolean exhausted(String appId, YearMonth month) {
            return refused.containsKey(monthKey(appId, month));
        }

        @Override
        public long lastClearedAt(String appId) {
            return lastCleared.getOrDefault(appId, 0L);
        }

        @Override
        public void recordCleared(String appId, long epochMillis) {
            lastCleared.merge(appId, epochMillis, Math::max);
        }

        /** A lock without an owning thread (a clear may start on one thread and end on another), with a lease. */
        @Override
        public Optional<AutoCloseable> lock(String appId, Duration lease, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                long now = clock.millis();
                Lease mine = new Lease(now + lease.toMillis());
                Lease current = leases.compute(appId, (key, held) -> held == null || held.expiresAt() <= now ? mine : held);
                if (current == mine) {
                    return Optional.of(() -> leases.remove(appId, mine));
                }
                if (System.nanoTime() >= deadline) {
                    return Optional.empty();
                }
                Thread.sleep(5);
            }
        }

    }
}
