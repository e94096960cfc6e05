package io.github.wechatquota.spring.actuate.boot4;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.spring.actuate.QuotaHealth;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health contributor {@code wechatQuota} on Spring Boot 4 ({@code org.springframework.boot.health}); reports what
 * {@link QuotaHealth} says, with the same statuses as the Spring Boot 3.5 indicator
 * ({@link io.github.wechatquota.spring.actuate.WeChatQuotaHealthIndicator}).
 */
public class WeChatQuotaHealthIndicator extends AbstractHealthIndicator {

    /** A quota has nothing left to hand out today. */
    public static final Status QUOTA_EXHAUSTED =
            new Status(QuotaHealth.QUOTA_EXHAUSTED, QuotaHealth.QUOTA_EXHAUSTED_DESCRIPTION);
    /** A quota has under a tenth of its usable day left, or an e-waybill balance is low. */
    public static final Status QUOTA_LOW = new Status(QuotaHealth.QUOTA_LOW, QuotaHealth.QUOTA_LOW_DESCRIPTION);
    /** The shared store is unreachable and calls go on as {@code store.on-failure} says (fail-open or local-fallback). */
    public static final Status STORE_DEGRADED =
            new Status(QuotaHealth.STORE_DEGRADED, QuotaHealth.STORE_DEGRADED_DESCRIPTION);

    private final QuotaGuard guard;

    public WeChatQuotaHealthIndicator(QuotaGuard guard) {
        super("WeChat quota health check failed");
        this.guard = guard;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        QuotaHealth health = QuotaHealth.of(guard);
        builder.status(new Status(health.status(), health.description())).withDetails(health.details());
    }
}
