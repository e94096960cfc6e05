package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.forecast.QuotaForecaster;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code wechatQuota} health contributor, one configuration per Spring Boot line: health moved from
 * {@code org.springframework.boot.actuate.health} (3.5) to {@code org.springframework.boot.health} (4.x). Each is
 * conditional on its line's class by name, so that the other line's types are never loaded.
 */
final class HealthConfigurations {

    private static final String BEAN = "wechatQuotaHealthIndicator";

    private HealthConfigurations() {
    }

    /** Spring Boot 3.5. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
    static class Boot3 {

        @Bean(BEAN)
        @ConditionalOnMissingBean(name = BEAN)
        @org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator("wechatquota")
        io.github.wechatquota.spring.actuate.WeChatQuotaHealthIndicator wechatQuotaHealthIndicator(QuotaGuard guard,
                QuotaForecaster forecaster) {
            return new io.github.wechatquota.spring.actuate.WeChatQuotaHealthIndicator(guard, forecaster);
        }
    }

    /** Spring Boot 4.x. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
    static class Boot4 {

        @Bean(BEAN)
        @ConditionalOnMissingBean(name = BEAN)
        @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("wechatquota")
        io.github.wechatquota.spring.actuate.boot4.WeChatQuotaHealthIndicator wechatQuotaHealthIndicator(
                QuotaGuard guard, QuotaForecaster forecaster) {
            return new io.github.wechatquota.spring.actuate.boot4.WeChatQuotaHealthIndicator(guard, forecaster);
        }
    }
}
