package io.github.wechatquota.wxjava.spring;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.spring.autoconfigure.WeChatQuotaProperties;
import io.github.wechatquota.token.AccessTokenProvider;
import io.github.wechatquota.wxjava.WxJavaAccessTokens;
import java.time.Clock;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * WxJava's {@code WxMpService} and {@code WxMaService} beans guarded with no code: each bean is wrapped as it is
 * created, the guard's own calls take WxJava's tokens, and {@code wechat.quota.*} applies to their requests. Runs before
 * wechat-quota's own auto-configuration so that its guard finds the token provider.
 */
@AutoConfiguration(beforeName = "io.github.wechatquota.spring.autoconfigure.WeChatQuotaAutoConfiguration")
@ConditionalOnClass(name = {"io.github.wechatquota.spring.autoconfigure.WeChatQuotaAutoConfiguration",
        "me.chanjar.weixin.common.error.WxErrorException"})
@ConditionalOnProperty(prefix = "wechat.quota", name = "enabled", havingValue = "true", matchIfMissing = true)
public final class WxJavaQuotaAutoConfiguration {

    /** Wraps every WxMpService and WxMaService bean, WxJava's starters' or the application's own. */
    @Bean
    static WxJavaServicesPostProcessor wechatQuotaWxJavaServices(ObjectProvider<QuotaGuard> guard) {
        return new WxJavaServicesPostProcessor(guard::getObject);
    }

    /**
     * The guard's tokens from WxJava's configuration storage; accounts no WxJava bean serves take stable_token with
     * their configured secret (those fetches are not counted against stable_token's own quota, unlike the built-in
     * provider's). An application's own provider wins.
     */
    @Bean
    @ConditionalOnMissingBean(AccessTokenProvider.class)
    WxJavaAccessTokens wechatQuotaWxJavaTokens(ListableBeanFactory beans, WeChatQuotaProperties properties,
            ObjectProvider<Clock> clock) {
        WxJavaAccessTokens.Builder builder = WxJavaAccessTokens.builder();
        WxJavaBeans.addServices(builder, beans);
        SecretTokens.of(properties, clock.getIfUnique(Clock::systemUTC)).ifPresent(builder::otherwise);
        return builder.build();
    }

    /** FALLBACK from configuration has no method to call for WxJava's requests: refused at start-up. */
    @Bean
    SmartInitializingSingleton wechatQuotaWxJavaPolicies(WeChatQuotaProperties properties,
            ListableBeanFactory beans) {
        return () -> FallbackPolicies.requireNoneFor(WxJavaBeans.appIds(beans), properties);
    }
}
