package io.github.wechatquota.engine;

import io.github.wechatquota.catalog.AccountType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured accounts, and the default one. An appid that is not configured (a third-party platform's authorizer,
 * say) is guarded as an official account with catalog limits, after one warning.
 */
final class AppDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AppDirectory.class);

    private final Map<String, AppSettings> apps;
    private final String defaultAppId;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    AppDirectory(Map<String, AppSettings> apps, String defaultAppId) {
        this.apps = Map.copyOf(apps);
        this.defaultAppId = defaultAppId;
    }

    AppSettings settings(String appId) {
        AppSettings app = apps.get(appId);
        if (app != null) {
            return app;
        }
        if (warned.add(appId)) {
            LOG.warn("appid {} is not configured under wechat.quota.apps: guarding it as an official account with "
                    + "catalog limits until getApiQuota answers for it", appId);
        }
        return AppSettings.of(appId, AccountType.OFFICIAL_ACCOUNT);
    }

    /**
     * The account an annotation without {@code appId} means.
     *
     * @throws IllegalStateException when no default can be chosen
     */
    String defaultAppId() {
        if (defaultAppId == null) {
            throw new IllegalStateException(apps.isEmpty()
                    ? "no app is configured: configure one under wechat.quota.apps, or give @WeChatApi an appId"
                    : "several apps are configured (" + String.join(", ", new java.util.TreeSet<>(apps.keySet()))
                            + ") and none is the default: "
                            + "set wechat.quota.default-app-id, or give @WeChatApi an appId");
        }
        return defaultAppId;
    }

    Map<String, AppSettings> all() {
        return apps;
    }
}
