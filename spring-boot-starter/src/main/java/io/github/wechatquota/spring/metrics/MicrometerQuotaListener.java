package io.github.wechatquota.spring.metrics;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.engine.ClearResult;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaKey;
import io.github.wechatquota.engine.QuotaListener;
import io.github.wechatquota.forecast.QuotaForecast;
import io.github.wechatquota.forecast.QuotaForecaster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Publishes what the guard does: {@code wechat.quota.calls} (tags {@code app_id}, {@code cgi_path}, {@code outcome}),
 * {@code wechat.quota.remaining}, {@code wechat.quota.exhaustion.seconds} and {@code wechat.quota.margin} (gauges per
 * quota),
 * {@code wechat.quota.clears} ({@code app_id}, {@code result}), and per account {@code wechat.quota.clears.used} and
 * {@code wechat.quota.clears.max} (the month's clears against {@code clear.max-per-month}). A quota's meters are
 * registered the first time it is heard of; after that a call costs one map lookup and one increment.
 *
 * <p>Which accounts have meters of their own is the {@link MeterScope}'s to say: by default the configured ones; the
 * others (a platform's authorizers) are counted per API under {@code app_id="other"}, with gauges computed by
 * {@link #refreshOtherAccounts}, which the application calls every few seconds.
 */
public final class MicrometerQuotaListener implements QuotaListener {

    static final String CALLS = "wechat.quota.calls";
    static final String REMAINING = "wechat.quota.remaining";
    static final String CLEARS = "wechat.quota.clears";
    static final String STORE_REACHABLE = "wechat.quota.store.reachable";
    static final String EXHAUSTION = "wechat.quota.exhaustion.seconds";
    static final String MARGIN = "wechat.quota.margin";
    static final String CLEARS_USED = "wechat.quota.clears.used";
    static final String CLEARS_MAX = "wechat.quota.clears.max";

    /** How often the starter calls {@link #refreshOtherAccounts}. */
    public static final Duration OTHER_ACCOUNTS_REFRESH = Duration.ofSeconds(10);

    private record KeyMeters(Counter permitted, Counter rejected, Counter fallback, Counter waited, Counter limited) {
    }

    private final MeterRegistry registry;
    private final Supplier<QuotaGuard> guard;
    private final Supplier<QuotaForecaster> forecaster;
    private final MeterScope scope;
    private final Map<QuotaKey, KeyMeters> meters = new ConcurrentHashMap<>();
    private final Map<String, KeyMeters> otherAccounts = new ConcurrentHashMap<>();
    private final OtherAccountGauges otherGauges;
    private final Set<String> apps = ConcurrentHashMap.newKeySet();
    private volatile Set<String> configured;

    /**
     * @param registry where meters go
     * @param guard the guard the gauges read, looked up when first read
     * @param forecaster the forecasts the exhaustion gauges read, looked up when read; may supply null (no forecasts)
     */
    public MicrometerQuotaListener(MeterRegistry registry, Supplier<QuotaGuard> guard,
            Supplier<QuotaForecaster> forecaster) {
        this(registry, guard, forecaster, MeterScope.configuredAccounts(10));
    }

    /**
     * @param registry where meters go
     * @param guard the guard the gauges read, looked up when first read
     * @param forecaster the forecasts the exhaustion gauges read, looked up when read; may supply null (no forecasts)
     * @param scope which accounts have meters of their own
     */
    public MicrometerQuotaListener(MeterRegistry registry, Supplier<QuotaGuard> guard,
            Supplier<QuotaForecaster> forecaster, MeterScope scope) {
        this.registry = registry;
        this.guard = guard;
        this.forecaster = forecaster;
        this.scope = scope;
        this.otherGauges = scope.allAccounts() ? null : new OtherAccountGauges(registry, guard, scope);
    }

    /**
     * Recomputes the gauges of the accounts without meters of their own from every quota's snapshot: call it every
     * few seconds (the starter does, every {@link #OTHER_ACCOUNTS_REFRESH}); it does nothing under
     * {@link MeterScope#everyAccount()}.
     */
    public void refreshOtherAccounts() {
        if (otherGauges != null) {
            otherGauges.refresh(configured());
        }
    }

    @Override
    public void onPermitted(QuotaKey key) {
        meters(key).permitted().increment();
    }

    @Override
    public void onRejected(QuotaKey key, QuotaPolicy policy) {
        meters(key).rejected().increment();
    }

    @Override
    public void onFallback(QuotaKey key) {
        meters(key).fallback().increment();
    }

    @Override
    public void onWaited(QuotaKey key, long waitedMillis) {
        meters(key).waited().increment();
    }

    @Override
    public void onLimitedByWeChat(QuotaKey key, int errcode) {
        meters(key).limited().increment();
    }

    @Override
    public void onClear(String appId, ClearResult result) {
        registry.counter(CLEARS, "app_id", ownMeters(appId) ? appId : MeterScope.OTHER_ACCOUNTS, "result",
                result.tag()).increment();
    }

    @Override
    public void onSynced(QuotaKey key, String error) {
        meters(key);
    }

    /**
     * {@code wechat.quota.store.reachable}: 1 while the store answers, 0 while calls go on as {@code on-failure} says.
     */
    public void bindStore() {
        Gauge.builder(STORE_REACHABLE, () -> guard.get().storeStatus().reachable() ? 1 : 0)
                .tag("store", "quota")
                .description("Whether the quota store answers (0: counting as store.on-failure says)")
                .register(registry);
    }

    private KeyMeters meters(QuotaKey key) {
        KeyMeters found = meters.get(key);
        if (found != null) {
            return found;
        }
        if (!ownMeters(key.appId())) {
            return otherAccounts(key.cgiPath());
        }
        return meters.computeIfAbsent(key, this::register);
    }

    private boolean ownMeters(String appId) {
        return scope.allAccounts() || configured().contains(appId);
    }

    private Set<String> configured() {
        Set<String> known = configured;
        if (known == null) {
            known = Set.copyOf(guard.get().appIds());
            configured = known;
        }
        return known;
    }

    private KeyMeters otherAccounts(String cgiPath) {
        KeyMeters found = otherAccounts.get(cgiPath);
        return found != null ? found : otherAccounts.computeIfAbsent(cgiPath, this::registerOtherAccounts);
    }

    private KeyMeters registerOtherAccounts(String cgiPath) {
        otherGauges.register(cgiPath);
        return counters(Tags.of("app_id", MeterScope.OTHER_ACCOUNTS, "cgi_path", cgiPath));
    }

    private KeyMeters register(QuotaKey key) {
        Tags tags = Tags.of("app_id", key.appId(), "cgi_path", key.cgiPath());
        Gauge.builder(REMAINING, () -> guard.get().snapshot(key.appId(), key.cgiPath())
                        .filter(snapshot -> snapshot.remaining().isPresent())
                        .map(snapshot -> (Number) snapshot.remaining().getAsLong())
                        .orElse(Double.NaN))
                .tags(tags)
                .description("Calls the guard may still make today")
                .strongReference(true)
                .register(registry);
        Gauge.builder(MARGIN, () -> guard.get().snapshot(key.appId(), key.cgiPath())
                        .map(snapshot -> (Number) snapshot.margin())
                        .orElse(Double.NaN))
                .tags(tags)
                .description("The fraction of the daily limit held back today, learned from WeChat's own counts")
                .strongReference(true)
                .register(registry);
        Gauge.builder(EXHAUSTION, () -> secondsLeft(key))
                .tags(tags)
                .baseUnit("seconds")
                .description("Seconds until the quota runs out at the current rate: 0 when it has, +Inf when no calls"
                        + " are being made, NaN when its daily limit or its rate is not known yet")
                .strongReference(true)
                .register(registry);
        if (apps.add(key.appId())) {
            registerClears(key.appId());
        }
        return counters(tags);
    }

    private KeyMeters counters(Tags tags) {
        return new KeyMeters(counter(tags, "permitted"), counter(tags, "rejected"), counter(tags, "fallback"),
                counter(tags, "waited"), counter(tags, "limited_by_wechat"));
    }

    private double secondsLeft(QuotaKey key) {
        QuotaForecaster forecasts = forecaster.get();
        if (forecasts == null) {
            return Double.NaN;
        }
        return forecasts.forecast(key.appId(), key.cgiPath())
                .map(forecast -> forecast.timeLeft().map(left -> left.toMillis() / 1000.0)
                        .orElse(forecast.basis() == QuotaForecast.RateBasis.NONE ? Double.NaN
                                : Double.POSITIVE_INFINITY))
                .orElse(Double.NaN);
    }

    /** The account's clears this month (read from the store, so the cluster's) and how many it may make. */
    private void registerClears(String appId) {
        Gauge.builder(CLEARS_USED, () -> guard.get().clearStatus(appId).usedThisMonth())
                .tag("app_id", appId)
                .description("Clears of the account's quotas made this calendar month")
                .strongReference(true)
                .register(registry);
        Gauge.builder(CLEARS_MAX, () -> guard.get().clearStatus(appId).maxPerMonth())
                .tag("app_id", appId)
                .description("Clears the guard may make in a month (clear.max-per-month)")
                .strongReference(true)
                .register(registry);
    }

    private Counter counter(Tags tags, String outcome) {
        return Counter.builder(CALLS).tags(tags).tag("outcome", outcome)
                .description("Calls to WeChat APIs by what the guard did with them")
                .register(registry);
    }
}
