package io.github.wechatquota.store;

import java.util.Optional;

/** The last getApiQuota result of each quota, so that a lost bucket can be rebuilt and instances can share syncs. */
public interface SyncLedger {

    /** Stores the result under the quota's key, replacing the previous one. */
    void record(String key, SyncRecord record);

    /** The last result stored under the key. */
    Optional<SyncRecord> last(String key);

    /**
     * Claims the next sync of a quota for this instance, for {@code ttl}: of many instances sharing the store, only the
     * one whose claim succeeds asks getApiQuota, so they do not each sync the same keys every interval.
     */
    boolean tryClaim(String key, java.time.Duration ttl);
}
