package io.github.wechatquota.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One e-waybill balance as the guard sees it now; obtained from {@link QuotaGuard#waybills()}. What is not known yet
 * reads as empty.
 */
public final class WaybillSnapshot {

    private final String appId;
    private final WaybillAccount account;
    private final long balance;
    private final boolean low;
    private final Instant lastSyncedAt;
    private final String lastSyncError;

    /** The engine's: a balance of -1 before the first successful sync, {@code null} for what has not happened. */
    WaybillSnapshot(String appId, WaybillAccount account, long balance, boolean low, Instant lastSyncedAt,
            String lastSyncError) {
        this.appId = appId;
        this.account = account;
        this.balance = balance;
        this.low = low;
        this.lastSyncedAt = lastSyncedAt;
        this.lastSyncError = lastSyncError;
    }

    /** The mini program. */
    public String appId() {
        return appId;
    }

    /** The courier account. */
    public WaybillAccount account() {
        return account;
    }

    /** Waybills left; empty before the first successful sync. */
    public OptionalLong balance() {
        return balance < 0 ? OptionalLong.empty() : OptionalLong.of(balance);
    }

    /** Whether the balance is below the warning threshold. */
    public boolean low() {
        return low;
    }

    /** When logistics getQuota last answered; empty before it did. */
    public Optional<Instant> lastSyncedAt() {
        return Optional.ofNullable(lastSyncedAt);
    }

    /** Why the last sync failed; empty when it did not. */
    public Optional<String> lastSyncError() {
        return Optional.ofNullable(lastSyncError);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WaybillSnapshot that && appId.equals(that.appId) && account.equals(that.account)
                && balance == that.balance && low == that.low && Objects.equals(lastSyncedAt, that.lastSyncedAt)
                && Objects.equals(lastSyncError, that.lastSyncError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(appId, account, balance, low, lastSyncedAt, lastSyncError);
    }

    @Override
    public String toString() {
        return "WaybillSnapshot[appId=" + appId + ", account=" + account + ", balance="
                + (balance < 0 ? "unknown" : balance) + ", low=" + low + ", lastSyncedAt="
                + (lastSyncedAt == null ? "never" : lastSyncedAt)
                + (lastSyncError == null ? "" : ", lastSyncError=" + lastSyncError) + "]";
    }
}
