package io.github.wechatquota.engine;

import io.github.wechatquota.store.SyncRecord;

/**
 * One quota's syncs as this instance knows them: the last answer and the last error, whether getApiQuota can answer
 * for it, and the counters that tell a sync sampled before a change of the bucket from one sampled after it.
 */
final class SyncHistory {

    /** getApiQuota cannot answer for {@code /sns/} paths (76022). */
    private final boolean sns;
    private volatile SyncRecord last;
    private volatile String error;
    /** Not queryable for want of a token: WeChat's own errcode for a missing access_token. */
    static final int NO_TOKEN = 41001;

    private volatile int notQueryableErrcode;
    /** Syncs applied (and limit changes made) so far; written under the quota's lock. */
    private volatile long generation;
    /** The generation right after this instance last applied an answer: one since is a limit change. */
    private volatile long appliedGeneration = -1;
    /** The daily bucket's {@link StoredBucket#rebuilds()} when last synced: any since left it empty until a sync. */
    private volatile long rebuildsSynced;

    SyncHistory(boolean sns) {
        this.sns = sns;
    }

    /** The last answer this instance applied or adopted, or null. */
    SyncRecord last() {
        return last;
    }

    /** Why the last sync failed, or null. */
    String error() {
        return error;
    }

    long generation() {
        return generation;
    }

    long appliedGeneration() {
        return appliedGeneration;
    }

    /** Whether getApiQuota can answer for this quota. */
    boolean queryable() {
        return notQueryableErrcode == 0 && !sns;
    }

    /** Whether the store lost the daily bucket since the last applied answer ({@code rebuilds} now). */
    boolean lostSince(long rebuilds) {
        return rebuilds != rebuildsSynced;
    }

    /** Today's last sync, known when the quota is first declared (another instance's, say). */
    void known(SyncRecord record) {
        last = record;
    }

    /** The limits changed: a sync sampled before would move the bucket by a difference that no longer holds. */
    void limitsChanged() {
        generation++;
    }

    /** This instance applied an answer to the bucket, sampled when it had been rebuilt {@code rebuildsSeen} times. */
    void applied(SyncRecord record, long rebuildsSeen) {
        generation++;
        appliedGeneration = generation;
        rebuildsSynced = rebuildsSeen;
        last = record;
        error = null;
    }

    /** Whether another instance's answer is newer than what this one knows. */
    boolean isNewer(SyncRecord record) {
        SyncRecord known = last;
        return known == null || record.at().isAfter(known.at());
    }

    /** Another instance's answer, which already moved the shared bucket, is taken over. */
    void adopted(SyncRecord record) {
        last = record;
        error = null;
    }

    void failed(String message) {
        error = message;
    }

    /** getApiQuota cannot answer for this path (76021, 76022, 76003): it is not asked again. */
    void notQueryable(int errcode, String message) {
        notQueryableErrcode = errcode;
        error = message;
    }
}
