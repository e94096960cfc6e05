package io.github.wechatquota.engine;

import io.github.wechatquota.QuotaStoreUnavailableException;
import io.github.wechatquota.store.QuotaStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store answers. After a failure, calls stop asking it (each attempt could cost a full timeout) until a
 * retry interval has passed (by the guard's clock); then calls probe it again. Shared by every quota, since they share
 * the store.
 */
final class StoreCircuit {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCircuit.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final QuotaStore store;
    private final StoreFailureMode mode;
    private final int expectedInstances;
    private final Clock clock;
    private final Leasing leasing;
    private volatile long unreachableSince;
    private volatile long retryAt;
    private volatile String lastError;

    /** The store this circuit watches. */
    QuotaStore store() {
        return store;
    }

    StoreCircuit(QuotaStore store, StoreFailureMode mode, int expectedInstances, Clock clock) {
        this(store, mode, expectedInstances, clock, Leasing.off());
    }

    StoreCircuit(QuotaStore store, StoreFailureMode mode, int expectedInstances, Clock clock, Leasing leasing) {
        this.leasing = leasing;
        this.store = store;
        this.mode = mode;
        this.expectedInstances = expectedInstances;
        this.clock = clock;
    }

    /** Whether to ask the store: yes while it answers, and once every retry interval while it does not. */
    boolean shouldTry() {
        long retry = retryAt;
        return retry == 0 || clock.millis() >= retry;
    }

    void failed(String key, RuntimeException e) {
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (unreachableSince == 0) {
            unreachableSince = Math.max(1, clock.millis());
            LOG.warn("Quota store {} is unreachable (at {}): {}; calls go on as {} until it answers", store.name(), key,
                    reason, mode.name().toLowerCase().replace('_', '-'));
        }
        lastError = reason;
        retryAt = clock.millis() + RETRY_AFTER.toMillis();
    }

    /** The store answered: returns whether it had been unreachable (and so local counts must be reconciled). */
    boolean answered() {
        if (unreachableSince == 0) {
            return false;
        }
        LOG.info("Quota store {} answers again; reconciling what was counted locally", store.name());
        unreachableSince = 0;
        retryAt = 0;
        lastError = null;
        return true;
    }

    boolean degraded() {
        return unreachableSince != 0;
    }

    StoreFailureMode mode() {
        return mode;
    }

    int expectedInstances() {
        return expectedInstances;
    }

    /** Whether quotas on this store lease blocks of tokens, and under which name. */
    Leasing leasing() {
        return leasing;
    }

    QuotaStoreUnavailableException unavailable(String key, RuntimeException cause) {
        return new QuotaStoreUnavailableException("Quota store " + store.name() + " is unreachable for " + key
                + " and store.on-failure is fail-closed, so the call was not made: " + lastError, cause);
    }

    StoreStatus status() {
        long since = unreachableSince;
        return new StoreStatus(store.name(), store.shared(), mode, since == 0 ? null : Instant.ofEpochMilli(since),
                lastError);
    }
}
