package io.github.wechatquota.spring.it;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient(name = "wechat", url = "${wechat.quota.api-base-url}",
        configuration = QuotaTestApplication.WeChatFeignConfiguration.class)
public interface WeChatClient {

    @PostMapping(value = "/cgi-bin/message/custom/send", consumes = "application/json")
    @WeChatApi(cgiPath = "/cgi-bin/message/custom/send", dailyLimit = 3)
    String sendCustomMessage(@RequestBody String json);

    @PostMapping(value = "/cgi-bin/menu/create", consumes = "application/json")
    @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 1, onExhausted = QuotaPolicy.FALLBACK,
            fallbackMethod = "createMenuLater")
    String createMenu(@RequestBody String json);

    default String createMenuLater(String json) {
        return "menu queued";
    }
}
