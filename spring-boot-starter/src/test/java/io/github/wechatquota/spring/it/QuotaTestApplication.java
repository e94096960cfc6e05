package io.github.wechatquota.spring.it;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.feign.AccessTokenInterceptor;
import io.github.wechatquota.spring.SimulatedTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** An application as a user would write one: a Feign client and a plain bean, both with @WeChatApi methods. */
@SpringBootApplication
@Import(SimulatedTime.class)
@EnableFeignClients
public class QuotaTestApplication {

    static final String APP_ID = "wx0123456789abcdef";
    static final String OTHER_APP = "wxfedcba9876543210";
    static final String SECRET = "starter-test-secret-5d1c";
    static final String OTHER_SECRET = "starter-test-secret-9e2b";

    /** The Feign client's token: from the guard, so that a token WeChat rejects is refreshed for both. */
    static class WeChatFeignConfiguration {
        @Bean
        AccessTokenInterceptor accessTokenInterceptor(ObjectProvider<QuotaGuard> guard) {
            return new AccessTokenInterceptor(guard.getObject().accessTokens(), APP_ID);
        }
    }
}
