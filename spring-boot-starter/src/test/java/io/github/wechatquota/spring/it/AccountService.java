package io.github.wechatquota.spring.it;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.QuotaGuard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** A plain bean that calls WeChat itself, for many accounts. */
@Service
public class AccountService {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectProvider<QuotaGuard> guard;
    private final URI baseUrl;

    public AccountService(ObjectProvider<QuotaGuard> guard, @Value("${wechat.quota.api-base-url}") URI baseUrl) {
        this.guard = guard;
        this.baseUrl = baseUrl;
    }

    @WeChatApi(cgiPath = "/cgi-bin/user/get", dailyLimit = 2, appId = "#appId")
    public String listFollowers(String appId) {
        return post(appId, "/cgi-bin/user/get");
    }

    @WeChatApi(cgiPath = "/cgi-bin/menu/get", appId = "#appId")
    public String getMenu(String appId) {
        return post(appId, "/cgi-bin/menu/get");
    }

    @WeChatApi(cgiPath = "/cgi-bin/qrcode/create", dailyLimit = 1, onExhausted = QuotaPolicy.CLEAR_AND_RETRY)
    public String createQrCode() {
        return post(QuotaTestApplication.APP_ID, "/cgi-bin/qrcode/create");
    }

    @WeChatApi(cgiPath = "/cgi-bin/menu/delete", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "deleteMenuLater")
    public String deleteMenu() {
        return post(QuotaTestApplication.APP_ID, "/cgi-bin/menu/delete");
    }

    String deleteMenuLater(QuotaExhaustedException cause) {
        return "delete queued: " + cause.getMessage();
    }

    private String post(String appId, String path) {
        String token = guard.getObject().accessTokens().getAccessToken(appId);
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path + "?access_token=" + token))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException("WeChat unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
