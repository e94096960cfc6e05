package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import io.github.wechatquota.engine.QuotaListener;
import io.github.wechatquota.engine.Sleeper;
import io.github.wechatquota.errcode.ErrcodeExtractor;
import io.github.wechatquota.forecast.QuotaForecaster;
import io.github.wechatquota.spring.aop.WeChatApiAspect;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.token.AccessTokenProvider;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * wechat-quota for a Spring Boot application: the guard built from {@code wechat.quota}, the {@code @WeChatApi}
 * aspect, and start-up registration and sync. Every bean backs off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass({QuotaGuard.class, org.aspectj.lang.annotation.Aspect.class})
@ConditionalOnProperty(prefix = "wechat.quota", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(WeChatQuotaProperties.class)
@EnableAspectJAutoProxy
@Import({QuotaStoreConfigurations.Local.class, QuotaStoreConfigurations.RedisWithRedisson.class,
        QuotaStoreConfigurations.Redis.class, QuotaStoreConfigurations.Jdbc.class})
public final class WeChatQuotaAutoConfiguration {

    /** Checks wechat.quota while it is bound, where each property is known as the user wrote it. */
    @Bean
    static ConfigurationPropertiesBindHandlerAdvisor wechatQuotaPropertiesChecks() {
        return PropertiesBindHandler.advisor();
    }

    /**
     * Reached only when the chosen store's configuration could not apply (store type redis with neither Lettuce nor
     * Redisson on the class path; jdbc needs nothing beyond the JDK): says what is missing.
     */
    @Bean
    @ConditionalOnMissingBean
    QuotaStore wechatQuotaStore(WeChatQuotaProperties properties) {
        String needs = QuotaStoreConfigurations.REDIS_NEEDS;
        throw new WeChatQuotaConfigurationException("wechat.quota.store.type",
                "store type " + properties.store().type().name().toLowerCase() + " needs " + needs
                        + " on the classpath",
                "Add " + needs + " to the application's dependencies, or choose another wechat.quota.store.type.",
                null);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    QuotaGuard wechatQuotaGuard(WeChatQuotaProperties properties, QuotaStore store, ObjectProvider<Clock> clock,
            ObjectProvider<AccessTokenProvider> tokens, ObjectProvider<QuotaListener> listeners,
            ObjectProvider<ErrcodeExtractor> errcodes, ObjectProvider<Sleeper> sleeper) {
        QuotaGuardBuilder builder = GuardFactory.configure(QuotaGuard.builder(), properties);
        GuardFactory.requireSecrets(properties, tokens.getIfUnique() != null);
        builder.store(store)
                .clock(QuotaStoreConfigurations.clock(clock));
        tokens.ifUnique(builder::accessTokenProvider);
        errcodes.ifUnique(builder::errcodeExtractor);
        sleeper.ifUnique(builder::sleeper);
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    /** When each quota runs out at the current rate, for the meters, the Actuator endpoint and health. */
    @Bean
    @ConditionalOnMissingBean
    QuotaForecaster wechatQuotaForecaster(QuotaGuard guard, WeChatQuotaProperties properties,
            ObjectProvider<Clock> clock) {
        return QuotaForecaster.of(guard, QuotaStoreConfigurations.clock(clock), properties.zone());
    }

    @Bean
    @ConditionalOnMissingBean
    static WeChatApiAspect wechatApiAspect(ObjectProvider<QuotaGuard> guard) {
        return new WeChatApiAspect(guard::getObject, Ordered.LOWEST_PRECEDENCE - 100);
    }

    @Bean
    WeChatQuotaInitializer wechatQuotaInitializer(ConfigurableListableBeanFactory beans, QuotaGuard guard,
            WeChatApiAspect aspect, WeChatQuotaProperties properties) {
        return new WeChatQuotaInitializer(beans, guard, aspect, properties);
    }
}
