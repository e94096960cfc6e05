package io.github.wechatquota.spring.readme;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.feign.AccessTokenInterceptor;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

// README:quick-start:start
@FeignClient(name = "wechat", url = "${wechat.quota.api-base-url}", configuration = WeChatClient.Tokens.class)
public interface WeChatClient {

    @PostMapping(value = "/cgi-bin/message/custom/send", consumes = "application/json")
    @WeChatApi(cgiPath = "/cgi-bin/message/custom/send")
    String sendCustomMessage(@RequestBody String message);

    @PostMapping(value = "/cgi-bin/menu/create", consumes = "application/json")
    @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "createMenuLater")
    String createMenu(@RequestBody String menu);

    default String createMenuLater(String menu) {
        return "{\"errcode\":0,\"errmsg\":\"queued\"}"; // e.g. put it on a queue for tomorrow
    }

    /** Adds access_token to every request, from the guard: a token WeChat rejects is refreshed and the call retried. */
    class Tokens {
        @Bean
        AccessTokenInterceptor accessToken(QuotaGuard guard) {
            return new AccessTokenInterceptor(guard.accessTokens(), "wx0123456789abcdef");
        }
    }
}
// README:quick-start:end
