package io.github.wechatquota.demo;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.feign.AccessTokenInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A few WeChat official-account APIs, as a service would declare them. No limits are written here: the starter asks
 * WeChat (getApiQuota) at start-up; policies come from {@code application.yml}. Replies are WeChat's JSON text, whose
 * {@code errcode} the guard reads (45009 drains the quota).
 */
@FeignClient(name = "wechat", url = "${wechat.quota.api-base-url}",
        configuration = WeChatClient.TokenConfiguration.class)
public interface WeChatClient {

    /** How the demo tells a fallback's answer from WeChat's. */
    String FALLBACK_PREFIX = "fallback: ";

    @PostMapping(value = "/cgi-bin/message/custom/send", consumes = "application/json")
    @WeChatApi(cgiPath = "/cgi-bin/message/custom/send")
    String sendCustomMessage(@RequestBody String message);

    /** Menus: the rule {@code /cgi-bin/menu/**} in application.yml makes running out call {@link #createMenuLater}. */
    @PostMapping(value = "/cgi-bin/menu/create", consumes = "application/json")
    @WeChatApi(cgiPath = "/cgi-bin/menu/create", fallbackMethod = "createMenuLater")
    String createMenu(@RequestBody String menu);

    /** QR codes: application.yml gives this API the CLEAR_AND_RETRY policy. */
    @PostMapping(value = "/cgi-bin/qrcode/create", consumes = "application/json")
    @WeChatApi(cgiPath = "/cgi-bin/qrcode/create")
    String createQrCode(@RequestBody String request);

    /** Followers, read-only: the one call the demo makes against the real WeChat. */
    @GetMapping("/cgi-bin/user/get")
    @WeChatApi(cgiPath = "/cgi-bin/user/get")
    String listFollowers(@RequestParam("next_openid") String nextOpenId);

    /** The menu quota is used up: keep the menu and create it after midnight, when the quota is back. */
    default String createMenuLater(String menu, QuotaExhaustedException cause) {
        return FALLBACK_PREFIX + "menu kept, to be created after " + cause.getResetAt();
    }

    /** Every request carries the account's access_token, from the guard, which refreshes a token WeChat rejects. */
    class TokenConfiguration {
        @Bean
        AccessTokenInterceptor accessTokenInterceptor(ObjectProvider<QuotaGuard> guard,
                @Value("${demo.app-id}") String appId) {
            return new AccessTokenInterceptor(guard.getObject().accessTokens(), appId);
        }
    }
}
