package io.github.wechatquota.spring.cluster;

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
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.stereotype.Service;

/** One instance of a service of the account: several run at once in the cluster tests, sharing a store. */
@SpringBootApplication
@EnableFeignClients(clients = ClusterFeignClient.class)
public class ClusterApplication {

    static final String APP_ID = "wx0123456789abcdef";
    static final String SECRET = "cluster-secret-31b7";
    static final String SEND = "/cgi-bin/message/custom/send";
    static final String QR_CODE = "/cgi-bin/qrcode/create";

    /** Calls WeChat itself, with the guard's tokens. */
    @Service
    public static class Messenger {

        private final HttpClient http = HttpClient.newHttpClient();
        private final ObjectProvider<QuotaGuard> guard;
        private final URI baseUrl;

        public Messenger(ObjectProvider<QuotaGuard> guard, @Value("${wechat.quota.api-base-url}") URI baseUrl) {
            this.guard = guard;
            this.baseUrl = baseUrl;
        }

        @WeChatApi(cgiPath = SEND)
        public String send() {
            return post(SEND);
        }

        @WeChatApi(cgiPath = QR_CODE, onExhausted = QuotaPolicy.CLEAR_AND_RETRY)
        public String createQrCode() {
            return post(QR_CODE);
        }

        private String post(String path) {
            String token = guard.getObject().accessTokens().getAccessToken(APP_ID);
            try {
                return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path + "?access_token=" + token))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                throw new IllegalStateException("WeChat unreachable", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
