package io.github.wechatquota.spring.autoconfigure;

import feign.Capability;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.feign.WeChatQuotaCapability;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Guards {@code @WeChatApi} methods of every {@code @FeignClient}: Spring Cloud OpenFeign applies each
 * {@link Capability} bean to every client. The aspect leaves these clients alone, so no call is counted twice.
 */
@AutoConfiguration(after = WeChatQuotaAutoConfiguration.class)
@ConditionalOnClass({Capability.class, org.springframework.cloud.openfeign.FeignClient.class})
@ConditionalOnProperty(prefix = "wechat.quota", name = "enabled", havingValue = "true", matchIfMissing = true)
public final class WeChatQuotaFeignAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WeChatQuotaCapability wechatQuotaCapability(ObjectProvider<QuotaGuard> guard) {
        return new WeChatQuotaCapability(guard.getObject());
    }
}
