package io.github.wechatquota.engine;

import java.time.Instant;

/**
 * One e-waybill balance as the guard sees it now.
 *
 * @param appId the mini program
 * @param account the courier account
 * @param balance waybills left, or -1 before the first successful sync
 * @param low whether the balance is below the warning threshold
 * @param lastSyncedAt when logistics getQuota last answered, or {@code null}
 * @param lastSyncError why the last sync failed, or {@code null}
 */
public record WaybillSnapshot(String appId, WaybillAccount account, long balance, boolean low, Instant lastSyncedAt,
        String lastSyncError) {
}
