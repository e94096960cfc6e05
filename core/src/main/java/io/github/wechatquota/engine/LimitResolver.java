package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.CatalogEntry;
import io.github.wechatquota.catalog.QuotaCatalog;
import io.github.wechatquota.store.SyncRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Applies the precedence rules. Daily limit: WeChat's synced figure is the truth; a configured or annotated value below
 * it is a self-imposed cap and wins; without a sync, configuration (per API, then the first matching rule) beats the
 * annotation, which beats the catalog. Policy: per-API configuration, annotation, first matching rule, default.
 */
final class LimitResolver {

    private static final long DEFAULT_REFRESH_SECONDS = 60;

    /** How many distinct values are shared at most (each is a few longs; synced limits differ per account). */
    private static final int MAX_DISTINCT_VALUES = 4_096;

    private final QuotaCatalog catalog;
    private final AppDirectory apps;
    private final List<QuotaRule> rules;
    private final double safetyMargin;
    private final QuotaPolicy defaultPolicy;
    /**
     * One instance of each distinct value ({@link Limits}, {@link Declarations}): a platform's 200,000 quotas have a
     * few dozen distinct ones between them, and each quota keeps a reference rather than a copy. Bounded, past which
     * values are not shared.
     */
    private final Map<Object, Object> distinct = new ConcurrentHashMap<>();

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
        long catalogDaily = entry.map(found -> found.dailyLimit().orElse(-1)).orElse(-1L);

        long configured = api.dailyLimit().orElse(firstRule(key, app, rule -> rule.dailyLimit().isPresent())
                .map(rule -> rule.dailyLimit().getAsLong()).orElse(-1L));
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
        } else if (catalogDaily > 0) {
            dailyLimit = catalogDaily;
            source = LimitSource.CATALOG;
        } else {
            dailyLimit = -1;
            source = LimitSource.NONE;
        }

        double reserve = api.reserve().orElse(firstRule(key, app, rule -> rule.reserve().isPresent())
                .map(rule -> rule.reserve().getAsDouble()).orElse(0.0));
        double margin = confirmable ? Math.min(LearnedMargin.FLOOR, safetyMargin) : safetyMargin;
        long heldBack = dailyLimit > 0 ? (long) Math.floor(dailyLimit * (margin + reserve)) : 0;

        long configuredPerMinute = api.perMinuteLimit().orElse(firstRule(key, app,
                rule -> rule.perMinuteLimit().isPresent())
                .map(rule -> rule.perMinuteLimit().getAsLong()).orElse(-1L));
        long perMinute = lowestPositive(configuredPerMinute, annotatedPerMinute);
        long refreshSeconds = DEFAULT_REFRESH_SECONDS;
        if (synced != null && synced.perMinuteLimit().isPresent()) {
            refreshSeconds = synced.refreshSeconds().orElse(DEFAULT_REFRESH_SECONDS);
            perMinute = lowestPositive(perMinute, synced.perMinuteLimit().getAsLong());
        } else if (perMinute < 0 && entry.isPresent()) {
            perMinute = entry.get().perMinuteLimit().orElse(-1);
        }
        return shared(new Limits(dailyLimit, source, heldBack, perMinute, refreshSeconds));
    }

    /** The instance equal to {@code value} that quotas share, or {@code value} itself. */
    @SuppressWarnings("unchecked") // a value maps only to an equal one, so of its own class
    <T extends Record> T shared(T value) {
        Object known = distinct.get(value);
        if (known != null) {
            return (T) known;
        }
        return distinct.size() < MAX_DISTINCT_VALUES ? (T) distinct.computeIfAbsent(value, v -> v) : value;
    }

    QuotaPolicy policy(QuotaKey key, Optional<QuotaPolicy> annotated) {
        AppSettings app = apps.settings(key.appId());
        Optional<QuotaPolicy> configured = app.api(key.cgiPath()).policy();
        if (configured.isPresent()) {
            return configured.get();
        }
        if (annotated.isPresent()) {
            return annotated.get();
        }
        return firstRule(key, app, rule -> rule.policy().isPresent()).flatMap(QuotaRule::policy)
                .orElse(defaultPolicy);
    }

    /**
     * Whether a third-party platform calls WeChat for the account: then WeChat limits those calls per minute by its
     * {@code component_rate_limit}.
     */
    boolean calledByPlatform(QuotaKey key) {
        return apps.settings(key.appId()).platform().isPresent();
    }

    /** The first matching rule that sets a value: rules may each set only some values. */
    private Optional<QuotaRule> firstRule(QuotaKey key, AppSettings app, Predicate<QuotaRule> sets) {
        for (QuotaRule rule : rules) {
            if (rule.matches(key, app) && sets.test(rule)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static long lowestPositive(long a, long b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        return a > 0 ? a : b > 0 ? b : -1;
    }
}
