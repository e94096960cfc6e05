package io.github.wechatquota.spring.autoconfigure;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Places the health statuses STORE_DEGRADED, QUOTA_EXHAUSTED and QUOTA_LOW between OUT_OF_SERVICE and UP, so that the aggregate health
 * shows them without hiding a DOWN. Added last: an application's own {@code status.order} wins.
 */
final class HealthStatusOrderPostProcessor implements EnvironmentPostProcessor {

    static final String ORDER = "management.endpoint.health.status.order";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("wechatQuotaHealthStatusOrder",
                Map.of(ORDER, "DOWN,OUT_OF_SERVICE,STORE_DEGRADED,QUOTA_EXHAUSTED,QUOTA_LOW,UP,UNKNOWN")));
    }
}
