package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.CatalogEntry;
import io.github.wechatquota.catalog.QuotaCatalog;
import io.github.wechatquota.store.SyncRecord;
import java.util.List;
import java.util.Optional;

/**
 * Applies the precedence rules. Daily limit: WeChat's synced figure is the truth; a configured or annotated value below
 * it is a self-imposed cap and wins; without a sync, configuration (per API, then the first matching rule) beats the
 * annotation, which beats the catalog. Policy: per-API configuration, annotation, first matching rule, default.
 */
final class LimitResolver {

    private static final long DEFAULT_REFRESH_SECONDS = 60;

    private final QuotaCatalog catalog;
    private final AppDirectory apps;
    private final List<QuotaRule> rules;
    private final double safetyMargin;
    private final QuotaPolicy defaultPolicy;

    LimitResolver(QuotaCatalog catalog, AppDirectory apps, List<QuotaRule> rules, double safetyMargin,
            QuotaPolicy defaultPolicy) {
        this.catalog = catalog;
        this.apps = apps;
        this.rules = List.copyOf(rules);
        this.safetyMargin = safetyMargin;
        this.defaultPolicy = defaultPolicy;
    }

    /** {@code safety-margin}: the most a quota holds back. */
    double safetyMargin() {
        return safetyMargin;
    }

    /**
     * @param confirmable whether WeChat can be asked what remains (getApiQuota answers for the path): then only the
     *     margin's floor is kept out of the bucket, and the rest of the margin is held by what each sync releases
     *     ({@link LearnedMargin}); otherwise the whole {@code safety-margin} is
     */
    Limits resolve(QuotaKey key, long annotatedDaily, long annotatedPerMinute, SyncRecord synced,
            boolean confirmable) {
        AppSettings app = apps.settings(key.appId());
        ApiSettings api = app.api(key.cgiPath());
        Optional<CatalogEntry> entry = catalog.find(app.accountType(), key.cgiPath());

        long configured = api.dailyLimit() > 0 ? api.dailyLimit()
                : firstRule(key, QuotaRule::dailyLimit).orElse(-1L);
        long dailyLimit;
        LimitSource source;
        if (synced != null && synced.dailyLimit() > 0) {
            if (configured > 0 && configured < synced.dailyLimit()) {
                dailyLimit = configured;
                source = LimitSource.CONFIG;
            } else if (annotatedDaily > 0 && annotatedDaily < synced.dailyLimit()) {
                dailyLimit = annotatedDaily;
                source = LimitSource.ANNOTATION;
            } else {
                dailyLimit = synced.dailyLimit();
                source = LimitSource.SYNCED;
            }
        } else if (configured > 0) {
            dailyLimit = configured;
            source = LimitSource.CONFIG;
        } else if (annotatedDaily > 0) {
            dailyLimit = annotatedDaily;
            source = LimitSource.ANNOTATION;
        } else if (entry.isPresent() && entry.get().dailyLimit() > 0) {
            dailyLimit = entry.get().dailyLimit();
            source = LimitSource.CATALOG;
        } else {
            dailyLimit = -1;
            source = LimitSource.NONE;
        }

        double reserve = api.reserve() >= 0 ? api.reserve() : firstRule(key, QuotaRule::reserve).orElse(0.0);
        double margin = confirmable ? Math.min(LearnedMargin.FLOOR, safetyMargin) : safetyMargin;
        long heldBack = dailyLimit > 0 ? (long) Math.floor(dailyLimit * (margin + reserve)) : 0;

        long configuredPerMinute = api.perMinuteLimit() > 0 ? api.perMinuteLimit()
                : firstRule(key, QuotaRule::perMinuteLimit).orElse(-1L);
        long perMinute = lowestPositive(configuredPerMinute, annotatedPerMinute);
        long refreshSeconds = DEFAULT_REFRESH_SECONDS;
        if (synced != null && synced.perMinuteLimit() > 0) {
            refreshSeconds = synced.refreshSeconds() > 0 ? synced.refreshSeconds() : DEFAULT_REFRESH_SECONDS;
            perMinute = lowestPositive(perMinute, synced.perMinuteLimit());
        } else if (perMinute < 0 && entry.isPresent()) {
            perMinute = entry.get().perMinuteLimit();
        }
        return new Limits(dailyLimit, source, heldBack, perMinute, refreshSeconds);
    }

    QuotaPolicy policy(QuotaKey key, QuotaPolicy annotated) {
        QuotaPolicy configured = apps.settings(key.appId()).api(key.cgiPath()).policy();
        if (configured != null) {
            return configured;
        }
        if (annotated != QuotaPolicy.DEFAULT) {
            return annotated;
        }
        return firstRule(key, QuotaRule::policy).orElse(defaultPolicy);
    }

    /** The value of the first matching rule that sets it: rules may each set only some values. */
    private <T> Optional<T> firstRule(QuotaKey key, java.util.function.Function<QuotaRule, T> value) {
        for (QuotaRule rule : rules) {
            if (rule.matches(key)) {
                T set = value.apply(rule);
                if (isSet(set)) {
                    return Optional.of(set);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isSet(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue() >= 0;
        }
        return value != null;
    }

    private static long lowestPositive(long a, long b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        return a > 0 ? a : b > 0 ? b : -1;
    }
}
