package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.forecast.QuotaForecaster;
import io.github.wechatquota.spring.metrics.MeterScope;
import io.github.wechatquota.spring.metrics.MicrometerQuotaListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Micrometer meters for every quota, on the application's {@link MeterRegistry}. */
@AutoConfiguration(afterName = {
        // Spring Boot 3.5
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
        // Spring Boot 4.x
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"},
        before = WeChatQuotaAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, QuotaGuard.class})
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(WeChatQuotaProperties.class)
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "wechat.quota", name = "enabled",
        havingValue = "true", matchIfMissing = true)
public final class WeChatQuotaMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerQuotaListener wechatQuotaMetrics(MeterRegistry registry, ObjectProvider<QuotaGuard> guard,
            ObjectProvider<QuotaForecaster> forecaster, WeChatQuotaProperties properties) {
        WeChatQuotaProperties.Metrics metrics = properties.metrics();
        MeterScope scope = metrics.accounts() == WeChatQuotaProperties.MetricsAccounts.ALL ? MeterScope.everyAccount()
                : MeterScope.configuredAccounts(metrics.closestAccounts());
        MicrometerQuotaListener listener = new MicrometerQuotaListener(registry, guard::getObject,
                forecaster::getIfAvailable, scope);
        listener.bindStore();
        return listener;
    }

    @Bean
    OtherAccountsRefresh wechatQuotaOtherAccountsRefresh(MicrometerQuotaListener listener) {
        return new OtherAccountsRefresh(listener);
    }
}
