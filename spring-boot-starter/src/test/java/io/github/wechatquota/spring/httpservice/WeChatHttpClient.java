package io.github.wechatquota.spring.httpservice;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.spring.http.AccessTokenRequestInterceptor;
import java.util.Map;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.PostExchange;

/**
 * A Spring HTTP service client of WeChat, as a user would write one: {@code @WeChatApi} on {@code @HttpExchange}
 * methods. The account to call for goes in {@link AccessTokenRequestInterceptor#APP_ID_HEADER}; the interceptor swaps
 * it for that account's access token.
 */
public interface WeChatHttpClient {

    @PostExchange("/cgi-bin/message/custom/send")
    @WeChatApi(cgiPath = "/cgi-bin/message/custom/send", dailyLimit = 3)
    String sendCustomMessage(@RequestBody String json);

    @PostExchange("/cgi-bin/menu/create")
    @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 1, onExhausted = QuotaPolicy.FALLBACK,
            fallbackMethod = "createMenuLater")
    String createMenu(@RequestBody String json);

    default String createMenuLater(String json) {
        return "menu queued";
    }

    /** Decoded to a Map, so that the guard reads WeChat's errcode from one. */
    @PostExchange("/cgi-bin/menu/delete")
    @WeChatApi(cgiPath = "/cgi-bin/menu/delete", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "deleteMenuLater")
    Map<String, Object> deleteMenu();

    default Map<String, Object> deleteMenuLater(QuotaExhaustedException cause) {
        return Map.of("queued", cause.getMessage());
    }

    @PostExchange("/cgi-bin/user/get")
    @WeChatApi(cgiPath = "/cgi-bin/user/get", dailyLimit = 2, appId = "#appId")
    String listFollowers(@RequestHeader(AccessTokenRequestInterceptor.APP_ID_HEADER) String appId);

    @PostExchange("/cgi-bin/menu/get")
    @WeChatApi(cgiPath = "/cgi-bin/menu/get", appId = "#appId")
    String getMenu(@RequestHeader(AccessTokenRequestInterceptor.APP_ID_HEADER) String appId);
}
