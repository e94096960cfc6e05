package io.github.wechatquota.engine;

import io.github.wechatquota.catalog.AccountType;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured accounts, and the default one. An appid that is not configured is guarded as an official account with
 * catalog limits until getApiQuota answers for it; when a third-party platform is configured whose {@code authorizers}
 * match it, as that platform's authorized account (the first such platform in appid order). Such appids are logged in
 * aggregate: the first one, then the count at 10, 100, 1,000 and so on, so that a platform whose thousands of
 * authorizers appear at start-up writes a handful of lines, not one per account.
 */
final class AppDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AppDirectory.class);

    private final Map<String, AppSettings> apps;
    private final List<AppSettings> platforms;
    private final String defaultAppId;
    private final Map<String, AppSettings> unconfigured = new ConcurrentHashMap<>();
    private final AtomicLong unconfiguredCount = new AtomicLong();

    AppDirectory(Map<String, AppSettings> apps, String defaultAppId) {
        this.apps = Map.copyOf(apps);
        this.platforms = apps.values().stream().filter(app -> app.authorizers().isPresent())
                .sorted(Comparator.comparing(AppSettings::appId)).toList();
        this.defaultAppId = defaultAppId;
        apps.values().forEach(app -> app.platform().ifPresent(platform -> requirePlatform(app.appId(), platform)));
    }

    private void requirePlatform(String appId, String platform) {
        AppSettings found = apps.get(platform);
        if (found == null || found.accountType() != AccountType.THIRD_PARTY_PLATFORM) {
            throw new IllegalArgumentException("platform of " + appId + " (wechat.quota.apps." + appId + ".platform) is "
                    + platform + (found == null ? ", which is not configured" : ", which is " + found.accountType().id())
                    + ": configure " + platform + " under wechat.quota.apps with account-type third-party-platform "
                    + "and its secret");
        }
    }

    /** The platform that calls WeChat for {@code appId}, configured, when one does. */
    Optional<AppSettings> platformOf(String appId) {
        return settings(appId).platform().map(apps::get);
    }

    AppSettings settings(String appId) {
        AppSettings app = apps.get(appId);
        if (app != null) {
            return app;
        }
        AppSettings known = unconfigured.get(appId);
        return known != null ? known : unconfigured.computeIfAbsent(appId, this::firstSeen);
    }

    private AppSettings firstSeen(String appId) {
        AppSettings.Builder settings = AppSettings.builder(appId, AccountType.OFFICIAL_ACCOUNT);
        String platform = null;
        for (AppSettings candidate : platforms) {
            if (candidate.authorizes(appId)) {
                platform = candidate.appId();
                settings.platform(platform);
                break;
            }
        }
        long count = unconfiguredCount.incrementAndGet();
        String as = platform == null ? "an official account" : "an account authorized to platform " + platform;
        if (count == 1) {
            LOG.warn("appid {} is not configured under wechat.quota.apps: guarding it as {} with catalog limits until "
                    + "getApiQuota answers for it (further such appids are logged as a count, at 10, 100, 1,000, ...)",
                    appId, as);
        } else if (PowersOfTen.includes(count)) {
            LOG.info("{} appids not configured under wechat.quota.apps are guarded so far, with catalog limits until "
                    + "getApiQuota answers for each (the latest: {}, as {})",
                    String.format(Locale.ROOT, "%,d", count), appId, as);
        }
        return settings.build();
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
