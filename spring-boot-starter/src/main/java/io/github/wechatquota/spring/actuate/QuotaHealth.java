package io.github.wechatquota.spring.actuate;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaSnapshot;
import io.github.wechatquota.engine.StoreFailureMode;
import io.github.wechatquota.engine.StoreStatus;
import io.github.wechatquota.engine.WaybillSnapshot;
import io.github.wechatquota.forecast.QuotaForecast;
import io.github.wechatquota.forecast.QuotaForecaster;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code wechatQuota} health contributor reports, apart from any Spring Boot type: a status code and its
 * details. Each Boot line's health indicator ({@link WeChatQuotaHealthIndicator} on 3.5,
 * {@code actuate.boot4.WeChatQuotaHealthIndicator} on 4.x) turns it into its own {@code Health}.
 *
 * @param status one of {@link #UP}, {@link #QUOTA_LOW}, {@link #QUOTA_EXHAUSTED}, {@link #STORE_DEGRADED},
 *               {@link #DOWN}
 * @param details quota count, store state, and the exhausted and low quotas when there are any
 */
public record QuotaHealth(String status, Map<String, Object> details) {

    /** Every quota has more than a tenth of its usable day left. */
    public static final String UP = "UP";
    /** The store is unreachable and {@code on-failure} is fail-closed: no call can be made. */
    public static final String DOWN = "DOWN";
    /** A quota has nothing left to hand out today. */
    public static final String QUOTA_EXHAUSTED = "QUOTA_EXHAUSTED";
    /**
     * A quota has under a tenth of its usable day left, or is forecast to run out before midnight at the current rate,
     * or an e-waybill balance is low.
     */
    public static final String QUOTA_LOW = "QUOTA_LOW";
    /** The shared store is unreachable and calls go on as {@code store.on-failure} says (fail-open or local-fallback). */
    public static final String STORE_DEGRADED = "STORE_DEGRADED";

    /** The description of {@link #QUOTA_EXHAUSTED}. */
    public static final String QUOTA_EXHAUSTED_DESCRIPTION = "A WeChat API quota is used up";
    /** The description of {@link #QUOTA_LOW}. */
    public static final String QUOTA_LOW_DESCRIPTION = "A WeChat API quota is running low";
    /** The description of {@link #STORE_DEGRADED}. */
    public static final String STORE_DEGRADED_DESCRIPTION =
            "The quota store is unreachable; quotas are counted as store.on-failure says";

    private static final double LOW_SHARE = 0.1;

    public QuotaHealth {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** What {@link #status()} means: one of the descriptions above for the statuses added, else empty. */
    public String description() {
        return switch (status) {
            case QUOTA_EXHAUSTED -> QUOTA_EXHAUSTED_DESCRIPTION;
            case QUOTA_LOW -> QUOTA_LOW_DESCRIPTION;
            case STORE_DEGRADED -> STORE_DEGRADED_DESCRIPTION;
            default -> "";
        };
    }

    /** The guard's health now, with the forecaster's view of when each quota runs out. */
    public static QuotaHealth of(QuotaGuard guard, QuotaForecaster forecaster) {
        List<QuotaSnapshot> snapshots = guard.snapshots();
        Map<String, Object> exhausted = new LinkedHashMap<>();
        Map<String, Object> low = new LinkedHashMap<>();
        for (QuotaSnapshot snapshot : snapshots) {
            if (snapshot.dailyLimit().isEmpty() || snapshot.remaining().isEmpty()) {
                continue;
            }
            String key = snapshot.appId() + " " + snapshot.cgiPath();
            long dailyLimit = snapshot.dailyLimit().getAsLong();
            long remaining = snapshot.remaining().getAsLong();
            long usable = dailyLimit - snapshot.heldBack();
            if (remaining == 0) {
                exhausted.put(key, Map.of("dailyLimit", dailyLimit, "heldBack", snapshot.heldBack()));
            } else {
                Optional<Instant> runsOut = forecaster.forecast(snapshot).filter(QuotaForecast::exhaustsBeforeReset)
                        .flatMap(QuotaForecast::exhaustsAt);
                if (remaining < usable * LOW_SHARE || runsOut.isPresent()) {
                    Map<String, Object> quota = new LinkedHashMap<>();
                    quota.put("remaining", remaining);
                    quota.put("dailyLimit", dailyLimit);
                    runsOut.ifPresent(at -> quota.put("exhaustsAt", at));
                    low.put(key, quota);
                }
            }
        }
        for (WaybillSnapshot waybill : guard.waybills()) {
            if (waybill.low()) {
                low.put(waybill.appId() + " e-waybills " + waybill.account().deliveryId() + "/"
                        + waybill.account().bizId(), Map.of("balance", waybill.balance().orElseThrow()));
            }
        }
        StoreStatus store = guard.storeStatus();
        String status = !exhausted.isEmpty() ? QUOTA_EXHAUSTED : !low.isEmpty() ? QUOTA_LOW : UP;
        if (!store.reachable()) {
            status = store.failureMode() == StoreFailureMode.FAIL_CLOSED ? DOWN : STORE_DEGRADED;
        }
        Map<String, Object> storeDetails = new LinkedHashMap<>();
        storeDetails.put("name", store.name());
        storeDetails.put("reachable", store.reachable());
        storeDetails.put("onFailure", store.failureMode().name().toLowerCase().replace('_', '-'));
        if (!store.reachable()) {
            storeDetails.put("unreachableSince", store.unreachableSince().orElseThrow());
            storeDetails.put("lastError", store.lastError().orElse(null));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("quotas", snapshots.size());
        details.put("store", storeDetails);
        if (!exhausted.isEmpty()) {
            details.put("exhausted", exhausted);
        }
        if (!low.isEmpty()) {
            details.put("low", low);
        }
        return new QuotaHealth(status, details);
    }
}
