package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import java.time.Instant;

/**
 * One quota as the guard sees it now, for Actuator, health and metrics.
 *
 * @param appId the account
 * @param cgiPath the API
 * @param dailyLimit the effective daily limit, or -1 when none is known
 * @param remaining the calls this library may still make today, or -1 when no limit is known
 * @param usedToday the calls counted today (by WeChat at the last sync, and here since), or -1 when unknown
 * @param source where the daily limit came from
 * @param policy what happens when the quota is used up
 * @param perMinuteLimit the per-minute limit, or -1
 * @param heldBack the part of the daily limit never handed out (safety margin and reserve)
 * @param lastSyncedAt when getApiQuota last answered, or {@code null}
 * @param lastSyncError why the last sync failed, or {@code null}
 * @param queryable whether getApiQuota can answer for this API (not for {@code /sns/} paths, say)
 */
public record QuotaSnapshot(String appId, String cgiPath, long dailyLimit, long remaining, long usedToday,
        LimitSource source, QuotaPolicy policy, long perMinuteLimit, long heldBack, Instant lastSyncedAt,
        String lastSyncError, boolean queryable) {

    /** Whether no call can be made now. */
    public boolean exhausted() {
        return remaining == 0;
    }
}
