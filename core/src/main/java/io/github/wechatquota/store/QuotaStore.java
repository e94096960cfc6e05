package io.github.wechatquota.store;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.Optional;

/**
 * Where quota state lives: the buckets, the monthly clear counts and clear locks, and the last sync results. One store
 * shared by many instances makes them draw from one count. Keys are strings that already carry the configured prefix.
 */
public interface QuotaStore extends AutoCloseable {

    /** A short name for messages and health, e.g. {@code local}, {@code redis}. */
    String name();

    /**
     * The bucket stored under {@code key}; when there is none, one is created from {@code configuration}. The returned
     * handle may be kept and reused: it always acts on the stored state. Should that state later disappear (evicted,
     * expired, deleted by hand), the handle throws Bucket4j's {@code BucketNotFoundException} rather than silently
     * starting a fresh, full bucket: the engine then rebuilds it conservatively.
     */
    Bucket bucket(String key, BucketConfiguration configuration);

    /**
     * Whether other processes see this store's state (Redis, PostgreSQL): then instances share counts, clears and
     * syncs, and an unreachable store is handled by {@code on-failure}.
     */
    default boolean shared() {
        return false;
    }

    /** Monthly clear counts, the last clear time and the clear lock of each account. */
    ClearLedger clears();

    /** The last sync result of each quota. */
    SyncLedger syncs();

    /**
     * The leases outstanding on this store's quotas, for a shared store whose instances may take tokens in blocks:
     * one exchange with the store for many calls. Empty (the default) when instances take one call's tokens at a time.
     */
    default Optional<LeaseLedger> leases() {
        return Optional.empty();
    }

    /** Releases connections; the local store has none. */
    @Override
    default void close() {
    }
}
