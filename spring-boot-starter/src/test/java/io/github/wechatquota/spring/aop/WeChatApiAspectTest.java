package io.github.wechatquota.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
import org.springframework.core.Ordered;

class WeChatApiAspectTest {

    @Test
    void retriedCall_runsTheAdviceInsideTheAspectAgain() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class)) {
            Messenger messenger = context.getBean(Messenger.class);

            assertThat(messenger.send()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
            assertThat(messenger.calls()).isEqualTo(2);
            assertThat(context.getBean("innerCount", AtomicInteger.class)).hasValue(2);
        }
    }

    /** WeChat is busy (-1) at the first call and answers at the second. */
    public static class Messenger {
        private final AtomicInteger calls = new AtomicInteger();

        /** How often the method itself ran (read through the proxy, which delegates to the bean). */
        public int calls() {
            return calls.get();
        }

        @WeChatApi(cgiPath = "/cgi-bin/message/custom/send", onExhausted = QuotaPolicy.REJECT)
        public String send() {
            return calls.incrementAndGet() == 1 ? "{\"errcode\":-1,\"errmsg\":\"system busy\"}"
                    : "{\"errcode\":0,\"errmsg\":\"ok\"}";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAspectJAutoProxy(proxyTargetClass = true)
    static class Config {
        @Bean(destroyMethod = "close")
        QuotaGuard guard() {
            return QuotaGuard.builder()
                    .app(AppSettings.of("wx0123456789abcdef", AccountType.OFFICIAL_ACCOUNT))
                    .accessTokenProvider(appId -> "token")
                    .syncInterval(Duration.ZERO)
                    .syncOnFirstUse(false)
                    .retry(3, Duration.ofMillis(1))
                    .sleeper(duration -> { })
                    .build();
        }

        @Bean
        static WeChatApiAspect wechatApiAspect(ObjectProvider<QuotaGuard> guard) {
            return new WeChatApiAspect(guard::getObject, Ordered.LOWEST_PRECEDENCE - 100);
        }

        @Bean
        static AtomicInteger innerCount() {
            return new AtomicInteger();
        }

        /** Advice ordered inside the aspect's: a retry must pass through it again. */
        @Bean
        static DefaultPointcutAdvisor innerAdvice(AtomicInteger innerCount) {
            MethodInterceptor counting = invocation -> {
                innerCount.incrementAndGet();
                return invocation.proceed();
            };
            DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                    new AnnotationMatchingPointcut(null, WeChatApi.class, false), counting);
            advisor.setOrder(Ordered.LOWEST_PRECEDENCE);
            return advisor;
        }

        @Bean
        Messenger messenger() {
            return new Messenger();
        }
    }
}
