package io.github.wechatquota.spring.actuate;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.forecast.QuotaForecaster;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Health contributor {@code wechatQuota} on Spring Boot 3.5 (what it reports: {@link QuotaHealth}): {@code UP};
 * {@link #QUOTA_EXHAUSTED} when a quota has nothing left (only its reserve); {@link #QUOTA_LOW} when one has under a
 * tenth of its usable day left or is forecast to run out before midnight, or an e-waybill balance is low;
 * {@link #STORE_DEGRADED} while a shared store is unreachable. These answer HTTP 200: a quota is not a reason to take
 * an instance out of service. {@code DOWN} when the store is unreachable and {@code on-failure} is fail-closed, since
 * then no call can be made.
 */
public class WeChatQuotaHealthIndicator extends AbstractHealthIndicator {

    /** A quota has nothing left to hand out today. */
    public static final Status QUOTA_EXHAUSTED =
            new Status(QuotaHealth.QUOTA_EXHAUSTED, QuotaHealth.QUOTA_EXHAUSTED_DESCRIPTION);
    /** A quota has under a tenth of its day left or runs out before midnight, or an e-waybill balance is low. */
    public static final Status QUOTA_LOW = new Status(QuotaHealth.QUOTA_LOW, QuotaHealth.QUOTA_LOW_DESCRIPTION);
    /** The shared store is unreachable and calls go on as {@code store.on-failure} says (fail-open or local-fallback). */
    public static final Status STORE_DEGRADED =
            new Status(QuotaHealth.STORE_DEGRADED, QuotaHealth.STORE_DEGRADED_DESCRIPTION);

    private final QuotaGuard guard;
    private final QuotaForecaster forecaster;

    public WeChatQuotaHealthIndicator(QuotaGuard guard, QuotaForecaster forecaster) {
        super("WeChat quota health check failed");
        this.guard = guard;
        this.forecaster = forecaster;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        QuotaHealth health = QuotaHealth.of(guard, forecaster);
        builder.status(new Status(health.status(), health.description())).withDetails(health.details());
    }
}
