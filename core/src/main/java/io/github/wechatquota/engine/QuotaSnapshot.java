package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.store.SyncRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One quota as the guard sees it now, for Actuator, health and metrics. Obtained from {@link QuotaGuard#snapshots()}
 * and {@link QuotaGuard#snapshot(String, String)}; what is unknown reads as empty.
 */
public final class QuotaSnapshot {

    private static final long UNKNOWN = -1;

    private final String appId;
    private final String cgiPath;
    private final long dailyLimit;
    private final long remaining;
    private final long usedToday;
    private final LimitSource source;
    private final QuotaPolicy policy;
    private final long perMinuteLimit;
    private final long heldBack;
    private final Instant lastSyncedAt;
    private final String lastSyncError;
    private final boolean queryable;
    private final double margin;
    private final double observedDrift;

    /**
     * The engine's: -1 for a number not known, {@code null} for a sync not made or not failed, NaN for a drift not yet
     * observed.
     */
    QuotaSnapshot(QuotaKey key, Limits limits, long remaining, long usedToday, QuotaPolicy policy, long heldBack,
            double margin, double observedDrift, Instant lastSyncedAt, String lastSyncError, boolean queryable) {
        this.appId = key.appId();
        this.cgiPath = key.cgiPath();
        this.dailyLimit = limits.dailyLimit() > 0 ? limits.dailyLimit() : UNKNOWN;
        this.remaining = remaining;
        this.usedToday = usedToday;
        this.source = limits.source();
        this.policy = policy;
        this.perMinuteLimit = limits.perMinuteLimit() > 0 ? limits.perMinuteLimit() : UNKNOWN;
        this.heldBack = heldBack;
        this.margin = margin;
        this.observedDrift = observedDrift;
        this.lastSyncedAt = lastSyncedAt;
        this.lastSyncError = lastSyncError;
        this.queryable = queryable;
    }

    /** A quota as the engine sees it now. */
    static QuotaSnapshot of(KeyState state) {
        Limits current = state.currentLimits();
        SyncRecord sync = state.history().last();
        long tokens = state.counts().available();
        long remaining = tokens < 0 ? -1 : Math.max(0, tokens);
        long heldBack = state.heldBack(current);
        // The margin held until WeChat is asked is not used: calls used are what the usable part lacks beyond it.
        long used = remaining < 0 ? -1 : Math.max(0, current.usable() - (heldBack - current.heldBack()) - remaining);
        return new QuotaSnapshot(state.key, current, remaining, used, state.policy(), heldBack, state.marginToday(),
                state.observedDrift(), sync == null ? null : sync.at(), state.history().error(),
                state.queryable());
    }

    /** The account. */
    public String appId() {
        return appId;
    }

    /** The API. */
    public String cgiPath() {
        return cgiPath;
    }

    /** The effective daily limit; empty when none is known (calls go through until WeChat answers 45009). */
    public OptionalLong dailyLimit() {
        return optional(dailyLimit);
    }

    /** The calls this library may still make today; empty when no daily limit is known. */
    public OptionalLong remaining() {
        return optional(remaining);
    }

    /** The calls counted today (by WeChat at the last sync, and here since); empty when no daily limit is known. */
    public OptionalLong usedToday() {
        return optional(usedToday);
    }

    /** Where the daily limit came from; {@link LimitSource#NONE} when none is known. */
    public LimitSource source() {
        return source;
    }

    /** What happens when the quota is used up. */
    public QuotaPolicy policy() {
        return policy;
    }

    /** The per-minute limit; empty when the API has none. */
    public OptionalLong perMinuteLimit() {
        return optional(perMinuteLimit);
    }

    /**
     * The part of the daily limit not handed out now: any reserve, and the margin, which is held until WeChat is asked
     * near the end of the quota; 0 when no limit is known.
     */
    public long heldBack() {
        return heldBack;
    }

    /**
     * The fraction of the daily limit held back as margin today: learned from WeChat's own counts, between a small
     * floor and {@code safety-margin} (held while there is no evidence yet, and for the rest of a day that saw a 45009).
     */
    public double margin() {
        return margin;
    }

    /**
     * How much more WeChat counted today than the guard let through between two syncs (0.01 for one call in a
     * hundred: its own counting, or calls made around the library); empty before there is evidence.
     */
    public OptionalDouble observedDrift() {
        return Double.isNaN(observedDrift) ? OptionalDouble.empty() : OptionalDouble.of(observedDrift);
    }

    /** When getApiQuota last answered; empty before the first sync. */
    public Optional<Instant> lastSyncedAt() {
        return Optional.ofNullable(lastSyncedAt);
    }

    /** Why the last sync failed; empty when it did not. */
    public Optional<String> lastSyncError() {
        return Optional.ofNullable(lastSyncError);
    }

    /** Whether getApiQuota can answer for this API (not for {@code /sns/} paths, say). */
    public boolean queryable() {
        return queryable;
    }

    /** Whether no call can be made now. */
    public boolean exhausted() {
        return remaining == 0;
    }

    private static OptionalLong optional(long value) {
        return value == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuotaSnapshot that && appId.equals(that.appId) && cgiPath.equals(that.cgiPath)
                && dailyLimit == that.dailyLimit && remaining == that.remaining && usedToday == that.usedToday
                && source == that.source && policy == that.policy && perMinuteLimit == that.perMinuteLimit
                && heldBack == that.heldBack && Double.compare(margin, that.margin) == 0
                && Double.compare(observedDrift, that.observedDrift) == 0
                && Objects.equals(lastSyncedAt, that.lastSyncedAt)
                && Objects.equals(lastSyncError, that.lastSyncError) && queryable == that.queryable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(appId, cgiPath, dailyLimit, remaining, usedToday, source, policy, perMinuteLimit, heldBack,
                margin, observedDrift, lastSyncedAt, lastSyncError, queryable);
    }

    @Override
    public String toString() {
        return "QuotaSnapshot[appId=" + appId + ", cgiPath=" + cgiPath + ", dailyLimit=" + describe(dailyLimit)
                + ", remaining=" + describe(remaining) + ", usedToday=" + describe(usedToday) + ", source=" + source
                + ", policy=" + policy + ", perMinuteLimit=" + describe(perMinuteLimit) + ", heldBack=" + heldBack
                + ", margin=" + margin + (Double.isNaN(observedDrift) ? "" : ", observedDrift=" + observedDrift)
                + ", lastSyncedAt=" + (lastSyncedAt == null ? "never" : lastSyncedAt)
                + (lastSyncError == null ? "" : ", lastSyncError=" + lastSyncError) + ", queryable=" + queryable + "]";
    }

    private static String describe(long value) {
        return value == UNKNOWN ? "unknown" : Long.toString(value);
    }
}
