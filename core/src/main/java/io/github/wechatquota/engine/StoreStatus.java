package io.github.wechatquota.engine;

import java.time.Instant;

/**
 * The quota store as the guard sees it now.
 *
 * @param name the store's name: local, redis, jdbc
 * @param shared whether other instances share it
 * @param reachable whether its last operation succeeded
 * @param failureMode what calls do while it is unreachable
 * @param unreachableSince when it stopped answering, or {@code null}
 * @param lastError why, or {@code null}
 */
public record StoreStatus(String name, boolean shared, boolean reachable, StoreFailureMode failureMode,
        Instant unreachableSince, String lastError) {
}
