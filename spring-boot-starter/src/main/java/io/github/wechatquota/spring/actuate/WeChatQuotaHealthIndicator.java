package io.github.wechatquota.spring.actuate;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaSnapshot;
import io.github.wechatquota.engine.WaybillSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Health contributor {@code wechatQuota}: {@code UP}; {@link #QUOTA_EXHAUSTED} when a quota has nothing left (only
 * its reserve); {@link #QUOTA_LOW} when one has under a tenth of its usable day left, or an e-waybill balance is low.
 * Both answer HTTP 200: a quota is not a reason to take an instance out of service.
 */
public class WeChatQuotaHealthIndicator extends AbstractHealthIndicator {

    /** A quota has nothing left to hand out today. */
    public static final Status QUOTA_EXHAUSTED = new Status("QUOTA_EXHAUSTED", "A WeChat API quota is used up");
    /** A quota has under a tenth of its usable day left, or an e-waybill balance is low. */
    public static final Status QUOTA_LOW = new Status("QUOTA_LOW", "A WeChat API quota is running low");

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
        builder.status(!exhausted.isEmpty() ? QUOTA_EXHAUSTED : !low.isEmpty() ? QUOTA_LOW : Status.UP)
                .withDetail("quotas", snapshots.size());
        if (!exhausted.isEmpty()) {
            builder.withDetail("exhausted", exhausted);
        }
        if (!low.isEmpty()) {
            builder.withDetail("low", low);
        }
    }
}
