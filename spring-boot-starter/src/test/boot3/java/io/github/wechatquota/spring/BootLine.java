package io.github.wechatquota.spring;

import io.github.wechatquota.spring.actuate.WeChatQuotaHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.ApplicationContext;

/**
 * What the starter's tests do differently on each Spring Boot line; this is the Spring Boot 3.5 one
 * (spring-boot-starter-boot4-tests has the Boot 4 one, under the same name).
 */
public final class BootLine {

    private BootLine() {
    }

    /** Actuator's endpoint and health auto-configurations of this line. */
    public static AutoConfigurations actuatorAutoConfigurations() {
        return AutoConfigurations.of(EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class);
    }

    /** The type of the {@code wechatQuota} health indicator on this line. */
    public static Class<?> healthIndicatorType() {
        return WeChatQuotaHealthIndicator.class;
    }

    /** The status code the {@code wechatQuota} health contributor of {@code context} reports now. */
    public static String healthStatus(ApplicationContext context) {
        return context.getBean(WeChatQuotaHealthIndicator.class).health().getStatus().getCode();
    }
}
