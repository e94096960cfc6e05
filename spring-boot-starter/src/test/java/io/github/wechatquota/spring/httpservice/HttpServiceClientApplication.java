package io.github.wechatquota.spring.httpservice;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.spring.SimulatedTime;
import io.github.wechatquota.spring.http.AccessTokenRequestInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/** An application whose WeChat client is a RestClient-backed HTTP service proxy made in a {@code @Bean}. */
@SpringBootApplication
@Import(SimulatedTime.class)
public class HttpServiceClientApplication {

    static final String APP_ID = "wx0123456789abcdef";
    static final String OTHER_APP = "wxfedcba9876543210";
    static final String SECRET = "starter-test-secret-5d1c";
    static final String OTHER_SECRET = "starter-test-secret-9e2b";

    // README:http-service-client:start
    @Bean
    WeChatHttpClient weChatHttpClient(@Value("${wechat.quota.api-base-url}") String baseUrl, QuotaGuard guard) {
        RestClient rest = RestClient.builder().baseUrl(baseUrl)
                .requestInterceptor(new AccessTokenRequestInterceptor(guard.accessTokens(), "wx0123456789abcdef"))
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build()
                .createClient(WeChatHttpClient.class);
    }
    // README:http-service-client:end
}
