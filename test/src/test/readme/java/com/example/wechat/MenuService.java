package com.example.wechat;

import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.QuotaGuard;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

@Service
public class MenuService {

    private final RestClient weChat;
    private final QuotaGuard guard;

    MenuService(@Value("${wechat.quota.api-base-url}") String baseUrl, QuotaGuard guard) {
        this.weChat = RestClient.create(baseUrl);
        this.guard = guard;
    }

    @WeChatApi(cgiPath = "/cgi-bin/menu/create")
    public String create(String menuJson) {
        return weChat.post()
                .uri("/cgi-bin/menu/create?access_token={token}",
                        guard.accessTokens().getAccessToken("wx0123456789abcdef"))
                .body(menuJson)
                .retrieve()
                .body(String.class);
    }
}
