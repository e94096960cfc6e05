package io.github.wechatquota.store.redis;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RecoveryStrategy;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.wechatquota.store.ClearLedger;
import io.github.wechatquota.store.LeaseLedger;
import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Redis store {@link RedisQuotaStore}'s builders make, whichever client it works through. No Lettuce or Redisson
 * type appears in it, so that an application with only one of them can load (and reflect on) it.
 */
final class RedisStore implements QuotaStore {

    /**
     * How long a bucket's key lives after its bucket would be full again. A daily bucket refills at midnight, so its
     * key lives until an hour past the next midnight: it never outlives its day by more than that, and a past day's
     * buckets do not pile up. A full bucket holds no count (its state is its configuration), so it goes an hour after
     * its last write; a handle then finds it lost and the engine re-creates it, from the day's sync record (kept 26
     * hours) when there is one. The hour is kept rather than zero so that a busy key is not re-created at every
     * refill.
     */
    static final Duration KEEP_AFTER_FULL = Duration.ofHours(1);

    /** A handle whose state is lost throws instead of re-creating it full, whoever created it first. */
    private static final Supplier<BucketConfiguration> LOST = () -> {
        throw new BucketNotFoundException();
    };

    /** The key prefix and its separator: {@code wxq:}. */
    private final String namespace;
    private final RedisBackend redis;
    private final ProxyManager<String> proxies;
    private final boolean batching;
    private final ClearLedger clears;
    private final SyncLedger syncs;
    private final LeaseLedger leases;

    RedisStore(RedisBackend redis, String keyPrefix, Clock clock, Duration commandTimeout, boolean batching) {
        this.namespace = keyPrefix + ':';
        this.redis = redis;
        this.batching = batching;
        // Wall-clock time from the configured clock: refills aligned to midnight need it.
        this.proxies = redis.proxies(LocalQuotaStore.timeMeter(clock), commandTimeout,
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL));
        this.clears = new RedisClearLedger(redis, keyPrefix);
        this.syncs = new RedisSyncLedger(redis, keyPrefix, this::quotaName);
        this.leases = new RedisLeaseLedger(redis, keyPrefix, this::quotaName);
    }

    /** {@code redis}. */
    @Override
    public String name() {
        return "redis";
    }

    /** Always: instances on one Redis and one prefix share every count, clear and sync. */
    @Override
    public boolean shared() {
        return true;
    }

    /**
     * Creates the bucket's state from {@code configuration} when Redis has none (an existing state is left as it is,
     * whatever its configuration; of two instances creating it at once, one state wins through Bucket4j's
     * compare-and-swap), then returns a handle on it. Should the state later be lost (expired, evicted, deleted, a
     * Redis restarted without persistence), the handle throws {@link BucketNotFoundException} rather than handing out
     * a fresh full day.
     */
    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(configuration, "configuration");
        String redisKey = bucketKey(key);
        // Bucket4j's THROW_BUCKET_NOT_FOUND_EXCEPTION only throws for a handle that created the state itself; a
        // handle on a state another instance created would re-create it when lost. So the state is made here, by a
        // throw-away handle, and the kept one has a configuration supplier that throws: lost means lost, always.
        proxies.builder().build(redisKey, () -> configuration).getAvailableTokens();
        RemoteBucketBuilder<String> handle = proxies.builder()
                .withRecoveryStrategy(RecoveryStrategy.THROW_BUCKET_NOT_FOUND_EXCEPTION);
        if (batching) {
            handle = handle.withOptimization(Optimizations.batching());
        }
        return handle.build(redisKey, LOST);
    }

    @Override
    public ClearLedger clears() {
        return clears;
    }

    @Override
    public SyncLedger syncs() {
        return syncs;
    }

    /** Leases in one hash per quota, {@code <prefix>:lease:<quota>}. */
    @Override
    public Optional<LeaseLedger> leases() {
        return Optional.of(leases);
    }

    /** Closes the store's connection, and the client too when the store made it from a URI. */
    @Override
    public void close() {
        redis.close();
    }

    private String bucketKey(String key) {
        return key.startsWith(namespace) ? key : namespace + key;
    }

    private String quotaName(String key) {
        return key.startsWith(namespace) ? key.substring(namespace.length()) : key;
    }
}
