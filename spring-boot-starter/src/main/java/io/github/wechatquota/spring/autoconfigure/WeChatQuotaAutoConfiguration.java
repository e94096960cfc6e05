package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import io.github.wechatquota.engine.QuotaListener;
import io.github.wechatquota.engine.Sleeper;
import io.github.wechatquota.errcode.ErrcodeExtractor;
import io.github.wechatquota.spring.aop.WeChatApiAspect;
import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.token.AccessTokenProvider;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
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
public final class WeChatQuotaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    QuotaStore wechatQuotaStore(WeChatQuotaProperties properties, ObjectProvider<Clock> clock) {
        WeChatQuotaProperties.StoreType type = properties.store().type();
        if (type != WeChatQuotaProperties.StoreType.LOCAL) {
            throw new WeChatQuotaConfigurationException("wechat.quota.store.type",
                    "store type " + type.name().toLowerCase() + " is not available in this version",
                    "Use wechat.quota.store.type=local (one instance), or define a QuotaStore bean.", null);
        }
        return LocalQuotaStore.create(clock(clock), properties.store().maxKeys());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    QuotaGuard wechatQuotaGuard(WeChatQuotaProperties properties, QuotaStore store, ObjectProvider<Clock> clock,
            ObjectProvider<AccessTokenProvider> tokens, ObjectProvider<QuotaListener> listeners,
            ObjectProvider<ErrcodeExtractor> errcodes, ObjectProvider<Sleeper> sleeper) {
        QuotaGuardBuilder builder = GuardFactory.configure(QuotaGuard.builder(), properties)
                .store(store)
                .clock(clock(clock));
        tokens.ifUnique(builder::accessTokenProvider);
        errcodes.ifUnique(builder::errcodeExtractor);
        sleeper.ifUnique(builder::sleeper);
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
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

    /** The application's {@link Clock} when it has exactly one (tests move it across midnight), else the system's. */
    private static Clock clock(ObjectProvider<Clock> clock) {
        Clock chosen = clock.getIfUnique();
        return chosen != null ? chosen : Clock.systemUTC();
    }
}
