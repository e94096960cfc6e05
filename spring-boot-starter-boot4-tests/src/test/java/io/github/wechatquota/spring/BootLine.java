package io.github.wechatquota.spring;

import io.github.wechatquota.spring.actuate.boot4.WeChatQuotaHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.context.ApplicationContext;

/**
 * What the starter's tests do differently on each Spring Boot line; this is the Spring Boot 4 one
 * (spring-boot-starter's src/test/boot3 has the 3.5 one, under the same name).
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
