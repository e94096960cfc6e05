package io.github.wechatquota.internal;

import java.util.Optional;
import java.util.Set;

/**
 * The one check of a configured default app: it must be one of the configured apps. The guard's builder throws it;
 * the Spring starter reports it against its property. Internal: shared by wechat-quota's own modules, not an API.
 */
public final class DefaultApp {

    private DefaultApp() {
    }

    /** What is wrong with {@code defaultAppId} among {@code appIds}, or empty when it is one of them. */
    public static Optional<String> problem(String defaultAppId, Set<String> appIds) {
        if (appIds.contains(defaultAppId)) {
            return Optional.empty();
        }
        return Optional.of("default app " + defaultAppId + " is not among the configured apps " + appIds);
    }
}
