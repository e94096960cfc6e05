package io.github.wechatquota.spring.cluster;

import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.feign.AccessTokenInterceptor;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** The same API as {@link ClusterApplication.Messenger#send()}, through OpenFeign: guarded by the capability. */
@FeignClient(name = "cluster-wechat", url = "${wechat.quota.api-base-url}",
        configuration = ClusterFeignClient.Tokens.class)
public interface ClusterFeignClient {

    @PostMapping(value = ClusterApplication.SEND, consumes = "application/json")
    @WeChatApi(cgiPath = ClusterApplication.SEND)
    String send(@RequestBody String json);

    class Tokens {
        @Bean
        AccessTokenInterceptor accessToken(QuotaGuard guard) {
            return new AccessTokenInterceptor(guard.accessTokens(), ClusterApplication.APP_ID);
        }
    }
}
