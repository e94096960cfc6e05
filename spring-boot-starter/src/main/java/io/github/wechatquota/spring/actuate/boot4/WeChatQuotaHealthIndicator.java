package io.github.wechatquota.spring.actuate.boot4;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.forecast.QuotaForecaster;
import io.github.wechatquota.spring.actuate.QuotaHealth;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health contributor {@code wechatQuota} on Spring Boot 4 ({@code org.springframework.boot.health}): reports what
 * {@link QuotaHealth} says, with its status codes ({@link QuotaHealth#QUOTA_EXHAUSTED}, {@link QuotaHealth#QUOTA_LOW},
 * {@link QuotaHealth#STORE_DEGRADED}, {@code UP}, {@code DOWN}) and details, as the Spring Boot 3.5 indicator
 * ({@link io.github.wechatquota.spring.actuate.WeChatQuotaHealthIndicator}) does.
 */
public class WeChatQuotaHealthIndicator extends AbstractHealthIndicator {

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
