package io.github.wechatquota.spring.metrics;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The gauges of the accounts without meters of their own: per API, the least {@code wechat.quota.remaining} and the
 * largest {@code wechat.quota.margin} among them ({@code app_id="other"}), and the gauges of the few nearest their limit
 * under their own appid. Computed from every quota's snapshot by {@link #refresh}, which a scheduler calls every few
 * seconds, so that a scrape reads numbers and never walks 200,000 quotas.
 */
final class OtherAccountGauges {

    /** What the last refresh found, per API. */
    private record Summary(Map<String, Long> leastRemaining, Map<String, Double> largestMargin) {
    }

    private final MeterRegistry registry;
    private final Supplier<QuotaGuard> guard;
    private final MeterScope scope;
    private final MultiGauge closestRemaining;
    private final MultiGauge closestMargin;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile Summary summary = new Summary(Map.of(), Map.of());

    OtherAccountGauges(MeterRegistry registry, Supplier<QuotaGuard> guard, MeterScope scope) {
        this.registry = registry;
        this.guard = guard;
        this.scope = scope;
        this.closestRemaining = MultiGauge.builder(MicrometerQuotaListener.REMAINING)
                .description("Calls the guard may still make today").register(registry);
        this.closestMargin = MultiGauge.builder(MicrometerQuotaListener.MARGIN)
                .description("The fraction of the daily limit held back today, learned from WeChat's own counts")
                .register(registry);
    }

    /** Registers the gauges of the other accounts' quotas of {@code cgiPath}, the first time one is heard of. */
    void register(String cgiPath) {
        if (!registered.add(cgiPath)) {
            return;
        }
        Tags tags = Tags.of("app_id", MeterScope.OTHER_ACCOUNTS, "cgi_path", cgiPath);
        Gauge.builder(MicrometerQuotaListener.REMAINING, this, gauges -> orNaN(gauges.summary.leastRemaining()
                        .get(cgiPath)))
                .tags(tags)
                .description("Calls the guard may still make today (of other accounts: the least any has left)")
                .strongReference(true)
                .register(registry);
        Gauge.builder(MicrometerQuotaListener.MARGIN, this, gauges -> orNaN(gauges.summary.largestMargin()
                        .get(cgiPath)))
                .tags(tags)
                .description("The fraction of the daily limit held back today (of other accounts: the largest)")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Reads every quota's snapshot once: the other accounts' least remaining and largest margin per API, and the
     * {@link MeterScope#closestAccounts} accounts nearest their limit, whose gauges take the place of the last ones.
     */
    void refresh(Set<String> ownMeters) {
        List<QuotaSnapshot> others = guard.get().snapshots().stream()
                .filter(snapshot -> !ownMeters.contains(snapshot.appId())).toList();
        Map<String, Long> leastRemaining = new HashMap<>();
        Map<String, Double> largestMargin = new HashMap<>();
        Map<String, Double> leastShareByApp = new HashMap<>();
        for (QuotaSnapshot snapshot : others) {
            snapshot.remaining().ifPresent(left -> leastRemaining.merge(snapshot.cgiPath(), left, Math::min));
            largestMargin.merge(snapshot.cgiPath(), snapshot.margin(), Math::max);
            share(snapshot).ifPresent(share -> leastShareByApp.merge(snapshot.appId(), share, Math::min));
        }
        summary = new Summary(Map.copyOf(leastRemaining), Map.copyOf(largestMargin));
        Set<String> closest = leastShareByApp.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(scope.closestAccounts()).map(Map.Entry::getKey).collect(Collectors.toSet());
        List<QuotaSnapshot> rows = others.stream().filter(snapshot -> closest.contains(snapshot.appId()))
                .sorted(Comparator.comparing(QuotaSnapshot::appId).thenComparing(QuotaSnapshot::cgiPath)).toList();
        closestRemaining.register(rows.stream().filter(snapshot -> snapshot.remaining().isPresent())
                .map(snapshot -> MultiGauge.Row.of(tags(snapshot), snapshot.remaining().getAsLong()))
                .collect(Collectors.toList()), true);
        closestMargin.register(rows.stream()
                .map(snapshot -> MultiGauge.Row.of(tags(snapshot), snapshot.margin()))
                .collect(Collectors.toList()), true);
    }

    private static double orNaN(Number value) {
        return value == null ? Double.NaN : value.doubleValue();
    }

    private static Optional<Double> share(QuotaSnapshot snapshot) {
        if (snapshot.dailyLimit().isEmpty() || snapshot.remaining().isEmpty() || snapshot.dailyLimit().getAsLong() <= 0) {
            return Optional.empty();
        }
        return Optional.of((double) snapshot.remaining().getAsLong() / snapshot.dailyLimit().getAsLong());
    }

    private static Tags tags(QuotaSnapshot snapshot) {
        return Tags.of("app_id", snapshot.appId(), "cgi_path", snapshot.cgiPath());
    }
}
