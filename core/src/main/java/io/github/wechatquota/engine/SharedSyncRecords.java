package io.github.wechatquota.engine;

import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncRecord;
import java.time.Duration;
import java.time.LocalDate;

/**
 * One quota's entries in the store's sync ledger: the last sync any instance recorded, and claims on applying an
 * answer. A store that does not answer is reported to the circuit and read as holding nothing.
 */
final class SharedSyncRecords {

    /** How long the right to apply the answer to one shared state is held: far longer than any sync takes. */
    private static final Duration APPLY_CLAIM = Duration.ofMinutes(30);

    private final QuotaKey key;
    private final String storeKey;
    private final QuotaStore store;
    private final StoreCircuit circuit;
    private final QuotaDays days;

    SharedSyncRecords(QuotaKey key, String storeKey, QuotaStore store, StoreCircuit circuit, QuotaDays days) {
        this.key = key;
        this.storeKey = storeKey;
        this.store = store;
        this.circuit = circuit;
        this.days = days;
    }

    /** Today's last recorded sync, or null (none, or the store did not answer). */
    SyncRecord todays() {
        try {
            return store.syncs().last(storeKey).filter(record -> days.isToday(record.at())).orElse(null);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return null;
        }
    }

    /** {@link #todays()}, without trying a store the circuit holds to be away. */
    SyncRecord todaysIfReachable() {
        return circuit.shouldTry() ? todays() : null;
    }

    /**
     * When today's last sync recorded in a shared store was made (epoch millis; 0 for none today), or -1 for a store
     * that is not shared or not reachable: what identifies the shared bucket's state a sync starts from.
     */
    long lastSharedAt() {
        if (!store.shared() || !circuit.shouldTry()) {
            return -1;
        }
        SyncRecord record = todays();
        return record == null ? 0 : record.at().toEpochMilli();
    }

    /**
     * Whether this instance may apply the first answer sampled from the shared state left by the sync at that time (0:
     * none yet on {@code day}, which names the state then, since every day starts without one).
     */
    boolean claimApply(long sharedSyncAt, LocalDate day) {
        try {
            String after = sharedSyncAt == 0 ? "none-on-" + day : Long.toString(sharedSyncAt);
            return store.syncs().tryClaim(storeKey + ":applied-after:" + after, APPLY_CLAIM);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return true; // the store is away: nothing shared moves, so nothing moves twice
        }
    }

    /** Shares an answer with other instances; a store that is away only misses it (each instance syncs itself). */
    void record(SyncRecord record) {
        if (!circuit.shouldTry()) {
            return;
        }
        try {
            store.syncs().record(storeKey, record);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
        }
    }
}
