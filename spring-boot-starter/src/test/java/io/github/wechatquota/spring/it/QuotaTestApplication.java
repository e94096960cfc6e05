package io.github.wechatquota.spring.it;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.Sleeper;
import io.github.wechatquota.feign.AccessTokenInterceptor;
import io.github.wechatquota.simulator.MutableClock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;

/** An application as a user would write one: a Feign client and a plain bean, both with @WeChatApi methods. */
@SpringBootApplication
@EnableFeignClients
public class QuotaTestApplication {

    static final String APP_ID = "wx0123456789abcdef";
    static final String OTHER_APP = "wxfedcba9876543210";
    static final String SECRET = "starter-test-secret-5d1c";
    static final String OTHER_SECRET = "starter-test-secret-9e2b";

    /** Quotas are counted by this clock: 10:00 in China, moved by the tests. */
    @Bean
    MutableClock clock() {
        return MutableClock.at(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant(),
                ZoneId.of("Asia/Shanghai"));
    }

    /** Waiting moves the clock instead of the thread. */
    @Bean
    Sleeper sleeper(MutableClock clock) {
        return clock::advance;
    }

    /** The Feign client's token: from the guard, so that a token WeChat rejects is refreshed for both. */
    static class WeChatFeignConfiguration {
        @Bean
        AccessTokenInterceptor accessTokenInterceptor(ObjectProvider<QuotaGuard> guard) {
            return new AccessTokenInterceptor(guard.getObject().accessTokens(), APP_ID);
        }
    }
}
