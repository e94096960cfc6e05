package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.forecast.QuotaForecaster;
import io.github.wechatquota.spring.actuate.WeChatQuotaEndpoint;
import io.github.wechatquota.spring.actuate.WeChatQuotaEndpointWebExtension;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The {@code wechatquota} Actuator endpoint (with its web extension, which answers refused requests with a reason) and
 * the {@code wechatQuota} health contributor of whichever Spring Boot line runs ({@link HealthConfigurations}).
 */
@AutoConfiguration(after = WeChatQuotaAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(QuotaGuard.class)
@Import({HealthConfigurations.Boot3.class, HealthConfigurations.Boot4.class})
public final class WeChatQuotaActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    WeChatQuotaEndpoint wechatQuotaEndpoint(QuotaGuard guard, QuotaForecaster forecaster) {
        return new WeChatQuotaEndpoint(guard, forecaster);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(WeChatQuotaEndpoint.class)
    @ConditionalOnAvailableEndpoint(endpoint = WeChatQuotaEndpoint.class, exposure = EndpointExposure.WEB)
    WeChatQuotaEndpointWebExtension wechatQuotaEndpointWebExtension(WeChatQuotaEndpoint endpoint) {
        return new WeChatQuotaEndpointWebExtension(endpoint);
    }

}
