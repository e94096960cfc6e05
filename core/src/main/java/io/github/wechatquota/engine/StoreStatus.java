package io.github.wechatquota.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The quota store as the guard sees it now; obtained from {@link QuotaGuard#storeStatus()}. */
public final class StoreStatus {

    private final String name;
    private final boolean shared;
    private final StoreFailureMode failureMode;
    private final Instant unreachableSince;
    private final String lastError;

    /** The engine's: {@code unreachableSince} is {@code null} while the store answers. */
    StoreStatus(String name, boolean shared, StoreFailureMode failureMode, Instant unreachableSince,
            String lastError) {
        this.name = name;
        this.shared = shared;
        this.failureMode = failureMode;
        this.unreachableSince = unreachableSince;
        this.lastError = lastError;
    }

    /** The store's name: local, redis, jdbc. */
    public String name() {
        return name;
    }

    /** Whether other instances share it. */
    public boolean shared() {
        return shared;
    }

    /** Whether its last operation succeeded. */
    public boolean reachable() {
        return unreachableSince == null;
    }

    /** What calls do while it is unreachable. */
    public StoreFailureMode failureMode() {
        return failureMode;
    }

    /** When it stopped answering; empty while it answers. */
    public Optional<Instant> unreachableSince() {
        return Optional.ofNullable(unreachableSince);
    }

    /** Why its last failed operation failed; empty when none has. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreStatus that && name.equals(that.name) && shared == that.shared
                && failureMode == that.failureMode && Objects.equals(unreachableSince, that.unreachableSince)
                && Objects.equals(lastError, that.lastError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, shared, failureMode, unreachableSince, lastError);
    }

    @Override
    public String toString() {
        return "StoreStatus[" + name + (shared ? ", shared" : "") + ", " + (reachable() ? "reachable"
                : "unreachable since " + unreachableSince) + ", on failure " + failureMode
                + (lastError == null ? "" : ", lastError=" + lastError) + "]";
    }
}
