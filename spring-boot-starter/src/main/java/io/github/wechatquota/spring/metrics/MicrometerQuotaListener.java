package io.github.wechatquota.spring.metrics;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.engine.ClearResult;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaKey;
import io.github.wechatquota.engine.QuotaListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Publishes what the guard does: {@code wechat.quota.calls} (tags {@code app_id}, {@code cgi_path}, {@code outcome}),
 * {@code wechat.quota.remaining} (a gauge per quota) and {@code wechat.quota.clears} ({@code app_id}, {@code result}).
 * A quota's meters are registered the first time it is heard of; after that a call costs one map lookup and one
 * increment.
 */
public final class MicrometerQuotaListener implements QuotaListener {

    static final String CALLS = "wechat.quota.calls";
    static final String REMAINING = "wechat.quota.remaining";
    static final String CLEARS = "wechat.quota.clears";
    static final String STORE_REACHABLE = "wechat.quota.store.reachable";

    private record KeyMeters(Counter permitted, Counter rejected, Counter fallback, Counter waited, Counter limited) {
    }

    private final MeterRegistry registry;
    private final Supplier<QuotaGuard> guard;
    private final Map<QuotaKey, KeyMeters> meters = new ConcurrentHashMap<>();

    /**
     * @param registry where meters go
     * @param guard the guard the remaining gauges read, looked up when first read
     */
    public MicrometerQuotaListener(MeterRegistry registry, Supplier<QuotaGuard> guard) {
        this.registry = registry;
        this.guard = guard;
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
        registry.counter(CLEARS, "app_id", appId, "result", result.tag()).increment();
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
        return found != null ? found : meters.computeIfAbsent(key, this::register);
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
        return new KeyMeters(counter(tags, "permitted"), counter(tags, "rejected"), counter(tags, "fallback"),
                counter(tags, "waited"), counter(tags, "limited_by_wechat"));
    }

    private Counter counter(Tags tags, String outcome) {
        return Counter.builder(CALLS).tags(tags).tag("outcome", outcome)
                .description("Calls to WeChat APIs by what the guard did with them")
                .register(registry);
    }
}
