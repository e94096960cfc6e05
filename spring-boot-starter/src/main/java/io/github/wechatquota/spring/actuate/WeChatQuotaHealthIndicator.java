package io.github.wechatquota.spring.actuate;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaSnapshot;
import io.github.wechatquota.engine.StoreFailureMode;
import io.github.wechatquota.engine.StoreStatus;
import io.github.wechatquota.engine.WaybillSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Health contributor {@code wechatQuota}: {@code UP}; {@link #QUOTA_EXHAUSTED} when a quota has nothing left (only
 * its reserve); {@link #QUOTA_LOW} when one has under a tenth of its usable day left, or an e-waybill balance is low;
 * {@link #STORE_DEGRADED} while a shared store is unreachable. These answer HTTP 200: a quota is not a reason to take
 * an instance out of service. {@code DOWN} when the store is unreachable and {@code on-failure} is fail-closed, since
 * then no call can be made.
 */
public class WeChatQuotaHealthIndicator extends AbstractHealthIndicator {

    /** A quota has nothing left to hand out today. */
    public static final Status QUOTA_EXHAUSTED = new Status("QUOTA_EXHAUSTED", "A WeChat API quota is used up");
    /** A quota has under a tenth of its usable day left, or an e-waybill balance is low. */
    public static final Status QUOTA_LOW = new Status("QUOTA_LOW", "A WeChat API quota is running low");
    /** The shared store is unreachable and calls go on as {@code store.on-failure} says (fail-open or local-fallback). */
    public static final Status STORE_DEGRADED = new Status("STORE_DEGRADED",
            "The quota store is unreachable; quotas are counted as store.on-failure says");

    private static final double LOW_SHARE = 0.1;

    private final QuotaGuard guard;

    public WeChatQuotaHealthIndicator(QuotaGuard guard) {
        super("WeChat quota health check failed");
        this.guard = guard;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<QuotaSnapshot> snapshots = guard.snapshots();
        Map<String, Object> exhausted = new LinkedHashMap<>();
        Map<String, Object> low = new LinkedHashMap<>();
        for (QuotaSnapshot snapshot : snapshots) {
            if (snapshot.dailyLimit() <= 0) {
                continue;
            }
            String key = snapshot.appId() + " " + snapshot.cgiPath();
            long usable = snapshot.dailyLimit() - snapshot.heldBack();
            if (snapshot.remaining() == 0) {
                exhausted.put(key, Map.of("dailyLimit", snapshot.dailyLimit(), "heldBack", snapshot.heldBack()));
            } else if (snapshot.remaining() < usable * LOW_SHARE) {
                low.put(key, Map.of("remaining", snapshot.remaining(), "dailyLimit", snapshot.dailyLimit()));
            }
        }
        for (WaybillSnapshot waybill : guard.waybills()) {
            if (waybill.low()) {
                low.put(waybill.appId() + " e-waybills " + waybill.account().deliveryId() + "/"
                        + waybill.account().bizId(), Map.of("balance", waybill.balance()));
            }
        }
        StoreStatus store = guard.storeStatus();
        Status status = !exhausted.isEmpty() ? QUOTA_EXHAUSTED : !low.isEmpty() ? QUOTA_LOW : Status.UP;
        if (!store.reachable()) {
            status = store.failureMode() == StoreFailureMode.FAIL_CLOSED ? Status.DOWN : STORE_DEGRADED;
        }
        Map<String, Object> storeDetails = new LinkedHashMap<>();
        storeDetails.put("name", store.name());
        storeDetails.put("reachable", store.reachable());
        storeDetails.put("onFailure", store.failureMode().name().toLowerCase().replace('_', '-'));
        if (!store.reachable()) {
            storeDetails.put("unreachableSince", store.unreachableSince());
            storeDetails.put("lastError", store.lastError());
        }
        builder.status(status).withDetail("quotas", snapshots.size()).withDetail("store", storeDetails);
        if (!exhausted.isEmpty()) {
            builder.withDetail("exhausted", exhausted);
        }
        if (!low.isEmpty()) {
            builder.withDetail("low", low);
        }
    }
}
