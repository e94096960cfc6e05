package io.github.wechatquota.store;

import java.util.Optional;

/** The last getApiQuota result of each quota, so that a lost bucket can be rebuilt and instances can share syncs. */
public interface SyncLedger {

    /** Stores the result under the quota's key, replacing the previous one. */
    void record(String key, SyncRecord record);

    /** The last result stored under the key. */
    Optional<SyncRecord> last(String key);
}
