package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.catalog.CgiPath;
import io.github.wechatquota.engine.ApiSettings;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import io.github.wechatquota.engine.QuotaRule;
import io.github.wechatquota.engine.StoreFailureMode;
import io.github.wechatquota.internal.DefaultApp;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns {@link WeChatQuotaProperties} into a guard builder, checking each value where its property path is known, so
 * that a bad value is reported with that path and its fix.
 */
final class GuardFactory {

    private static final String PREFIX = "wechat.quota.";

    private GuardFactory() {
    }

    static QuotaGuardBuilder configure(QuotaGuardBuilder builder, WeChatQuotaProperties properties) {
        check("api-base-url", properties.apiBaseUrl(), "use an absolute URL such as https://api.weixin.qq.com",
                () -> builder.apiBaseUrl(properties.apiBaseUrl()));
        builder.zone(properties.zone());
        check("safety-margin", properties.safetyMargin(), "use a fraction such as 0.01",
                () -> builder.safetyMargin(properties.safetyMargin()));
        check("default-policy", properties.defaultPolicy(), "use reject, wait or clear-and-retry",
                () -> builder.defaultPolicy(properties.defaultPolicy()));
        check("max-wait", properties.maxWait(), "use a positive duration such as 5s",
                () -> builder.maxWait(properties.maxWait()));
        check("waybill-low-balance", properties.waybillLowBalance(), "use 0 or more",
                () -> builder.waybillLowBalance(properties.waybillLowBalance()));
        check("store.key-prefix", properties.store().keyPrefix(), "use a short name without spaces, such as wxq",
                () -> builder.keyPrefix(properties.store().keyPrefix()));
        check("store.expected-instances", properties.store().expectedInstances(), "use 1 or more",
                () -> builder.onStoreFailure(
                        StoreFailureMode.valueOf(properties.store().onFailure().name()),
                        properties.store().expectedInstances()));
        builder.storeLeases(properties.store().lease().enabled());
        check("sync.interval", properties.sync().interval(), "use a duration such as 10m, or 0 to turn it off",
                () -> builder.syncInterval(properties.sync().interval()));
        check("sync.concurrency", properties.sync().concurrency(), "use 1 or more, e.g. 8",
                () -> builder.syncConcurrency(properties.sync().concurrency()));
        builder.syncOnFirstUse(properties.sync().onFirstUse());
        check("clear.max-per-month", properties.clear().maxPerMonth(), "use 1 to 10: WeChat allows ten a month",
                () -> builder.clears(properties.clear().enabled(), properties.clear().maxPerMonth()));
        check("retry", properties.retry(), "use max-attempts of 1 or more and a non-negative initial-backoff",
                () -> builder.retry(properties.retry().maxAttempts(), properties.retry().initialBackoff()));
        properties.apps().forEach((appId, app) -> builder.app(app(appId, app)));
        properties.apps().forEach((appId, app) -> requirePlatform(properties, appId, app.platform()));
        String defaultAppId = properties.defaultAppId();
        if (defaultAppId != null && !defaultAppId.isBlank()) {
            DefaultApp.problem(defaultAppId, properties.apps().keySet()).ifPresent(problem -> {
                throw new WeChatQuotaConfigurationException(PREFIX + "default-app-id", problem,
                        "Set wechat.quota.default-app-id to one of " + properties.apps().keySet()
                                + ", or configure wechat.quota.apps." + defaultAppId, null);
            });
            builder.defaultAppId(defaultAppId);
        }
        List<WeChatQuotaProperties.Rule> rules = properties.rules();
        for (int i = 0; i < rules.size(); i++) {
            WeChatQuotaProperties.Rule rule = rules.get(i);
            String path = "rules[" + i + "]";
            if (rule.match() == null || rule.match().isBlank()) {
                throw new WeChatQuotaConfigurationException(PREFIX + path + ".match", "a rule needs a pattern",
                        "Set " + PREFIX + path + ".match to an Ant pattern such as /cgi-bin/message/**", null);
            }
            QuotaRule quotaRule = check(path, rule.match(),
                    "use a pattern starting with '/', a policy, a reserve in [0, 1) and positive limits",
                    () -> rule(rule));
            builder.rule(quotaRule);
        }
        return builder;
    }

    /**
     * Fails when the built-in token provider is to be used (the application defines no {@code AccessTokenProvider})
     * and a configured app has no secret to fetch its tokens with.
     */
    static void requireSecrets(WeChatQuotaProperties properties, boolean ownTokenProvider) {
        if (ownTokenProvider) {
            return;
        }
        properties.apps().forEach((appId, app) -> {
            // An account a platform calls for has its tokens from the platform: its secret is not what it needs.
            boolean calledByPlatform = app.platform() != null && !app.platform().isBlank();
            if (!calledByPlatform && (app.secret() == null || app.secret().isBlank())) {
                String property = PREFIX + "apps." + appId + ".secret";
                throw new WeChatQuotaConfigurationException(property,
                        "no secret is set, and the built-in token provider needs it to fetch the app's access tokens "
                                + "(stable_token)",
                        "Set " + property + " (e.g. secret: ${WX_SECRET} with WX_SECRET in the environment), or "
                                + "define an AccessTokenProvider bean that supplies the app's tokens.", null);
            }
        });
    }

    /** An account's {@code platform} must be a configured third-party platform, whose secret its clears use. */
    private static void requirePlatform(WeChatQuotaProperties properties, String appId, String platform) {
        if (platform == null || platform.isBlank()) {
            return;
        }
        WeChatQuotaProperties.App found = properties.apps().get(platform);
        if (found == null || found.accountType() != AccountType.THIRD_PARTY_PLATFORM) {
            String property = PREFIX + "apps." + appId + ".platform";
            throw new WeChatQuotaConfigurationException(property, "the platform " + platform + " is "
                    + (found == null ? "not configured" : "configured as " + found.accountType().id()),
                    "Configure " + PREFIX + "apps." + platform + " with account-type: third-party-platform and its "
                            + "secret, or remove " + property + ".", null);
        }
    }

    private static AppSettings app(String appId, WeChatQuotaProperties.App app) {
        AppSettings.Builder settings = check("apps." + appId, appId, "use an appid such as wx0123456789abcdef",
                () -> AppSettings.builder(appId, app.accountType()).secret(app.secret()));
        if (app.platform() != null && !app.platform().isBlank()) {
            check("apps." + appId + ".platform", app.platform(), "give the component appid of the platform that "
                    + "calls WeChat for " + appId + ", itself configured as a third-party-platform",
                    () -> settings.platform(app.platform()));
        }
        if (app.authorizers() != null && !app.authorizers().isBlank()) {
            check("apps." + appId + ".authorizers", app.authorizers(), "give an appid, or a prefix ending in * "
                    + "(* for all), on an app whose account-type is third-party-platform",
                    () -> settings.authorizers(app.authorizers()));
        }
        app.apis().forEach((cgiPath, api) -> {
            String path = "apps." + appId + ".apis.[" + cgiPath + "]";
            CgiPath.problem(cgiPath).ifPresent(problem -> {
                throw new WeChatQuotaConfigurationException(PREFIX + path, problem, ApiKeys.fix(cgiPath), null);
            });
            settings.api(cgiPath, check(path, cgiPath, "use positive limits (or leave them out), a reserve in [0, 1), "
                    + "and a policy of reject, fallback, wait or clear-and-retry",
                    () -> settings(api.dailyLimit(), api.perMinuteLimit(), api.policy(), api.reserve())));
        });
        return settings.build();
    }

    /** The values a rule or a per-API entry sets: what is left out of the configuration stays unset. */
    private static ApiSettings settings(Long dailyLimit, Long perMinuteLimit, QuotaPolicy policy, Double reserve) {
        ApiSettings.Builder settings = ApiSettings.builder();
        if (dailyLimit != null) {
            settings.dailyLimit(dailyLimit);
        }
        if (perMinuteLimit != null) {
            settings.perMinuteLimit(perMinuteLimit);
        }
        if (policy != null) {
            settings.policy(policy);
        }
        if (reserve != null) {
            settings.reserve(reserve);
        }
        return settings.build();
    }

    private static QuotaRule rule(WeChatQuotaProperties.Rule rule) {
        QuotaRule.Builder quotaRule = QuotaRule.forPattern(rule.match());
        if (rule.appId() != null && !rule.appId().isBlank()) {
            quotaRule.appId(rule.appId());
        }
        if (rule.platform() != null && !rule.platform().isBlank()) {
            quotaRule.platform(rule.platform());
        }
        ApiSettings values = settings(rule.dailyLimit(), rule.perMinuteLimit(), rule.policy(), rule.reserve());
        values.dailyLimit().ifPresent(quotaRule::dailyLimit);
        values.perMinuteLimit().ifPresent(quotaRule::perMinuteLimit);
        values.policy().ifPresent(quotaRule::policy);
        values.reserve().ifPresent(quotaRule::reserve);
        return quotaRule.build();
    }

    private static <T> T check(String property, Object value, String fix, Supplier<T> apply) {
        try {
            return apply.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new WeChatQuotaConfigurationException(PREFIX + property, describe(value, e), "Fix " + PREFIX
                    + property + ": " + fix + ".", e);
        }
    }

    private static String describe(Object value, RuntimeException e) {
        return e.getMessage() == null ? "invalid value '" + value + "'" : e.getMessage();
    }
}
