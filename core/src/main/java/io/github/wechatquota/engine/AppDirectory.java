package io.github.wechatquota.engine;

import io.github.wechatquota.catalog.AccountType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured accounts, and the default one. An appid that is not configured (a third-party platform's authorizer,
 * say) is guarded as an official account with catalog limits. Such appids are logged in aggregate: the first one, then
 * the count at 10, 100, 1,000 and so on, so that a platform whose thousands of authorizers appear at start-up writes
 * a handful of lines, not one per account.
 */
final class AppDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AppDirectory.class);

    private final Map<String, AppSettings> apps;
    private final String defaultAppId;
    private final Set<String> unconfigured = ConcurrentHashMap.newKeySet();
    private final AtomicLong unconfiguredCount = new AtomicLong();

    AppDirectory(Map<String, AppSettings> apps, String defaultAppId) {
        this.apps = Map.copyOf(apps);
        this.defaultAppId = defaultAppId;
    }

    AppSettings settings(String appId) {
        AppSettings app = apps.get(appId);
        if (app != null) {
            return app;
        }
        if (unconfigured.add(appId)) {
            seenUnconfigured(appId, unconfiguredCount.incrementAndGet());
        }
        return AppSettings.of(appId, AccountType.OFFICIAL_ACCOUNT);
    }

    private static void seenUnconfigured(String appId, long count) {
        if (count == 1) {
            LOG.warn("appid {} is not configured under wechat.quota.apps: guarding it as an official account with "
                    + "catalog limits until getApiQuota answers for it (further such appids are logged as a count, "
                    + "at 10, 100, 1,000, ...)", appId);
        } else if (isPowerOfTen(count)) {
            LOG.info("{} appids not configured under wechat.quota.apps are guarded so far, with catalog limits until "
                    + "getApiQuota answers for each (the latest: {})", String.format(java.util.Locale.ROOT, "%,d", count), appId);
        }
    }

    private static boolean isPowerOfTen(long count) {
        long power = 1;
        while (power < count) {
            power *= 10;
        }
        return power == count;
    }

    /** How many appids that are not configured were guarded so far. */
    long unconfiguredCount() {
        return unconfiguredCount.get();
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
