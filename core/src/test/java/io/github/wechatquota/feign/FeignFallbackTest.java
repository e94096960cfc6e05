package io.github.wechatquota.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Client;
import feign.Feign;
import feign.RequestLine;
import feign.Response;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fallbacks of a Feign client are called through the proxy, so only some methods can be one. */
class FeignFallbackTest {

    private static final String APP_ID = "wx0123456789abcdef";

    interface StaticFallbackClient {
        @RequestLine("POST /cgi-bin/menu/create")
        @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 1, onExhausted = QuotaPolicy.FALLBACK,
                fallbackMethod = "later")
        String createMenu(String json);

        static String later(String json) {
            return "static later";
        }
    }

    interface OtherEndpointFallbackClient {
        @RequestLine("POST /cgi-bin/menu/create")
        @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 1, onExhausted = QuotaPolicy.FALLBACK,
                fallbackMethod = "createConditionalMenu")
        String createMenu(String json);

        @RequestLine("POST /cgi-bin/menu/addconditional")
        String createConditionalMenu(String json);
    }

    interface PrivateFallbackClient {
        @RequestLine("POST /cgi-bin/menu/create")
        @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 1, onExhausted = QuotaPolicy.FALLBACK,
                fallbackMethod = "later")
        String createMenu(String json);

        private String later(String json) {
            return "private later";
        }
    }

    private final AtomicInteger requests = new AtomicInteger();
    private final QuotaGuard guard = QuotaGuard.builder()
            .app(AppSettings.of(APP_ID, AccountType.OFFICIAL_ACCOUNT))
            .safetyMargin(0)
            .syncInterval(Duration.ZERO)
            .syncOnFirstUse(false)
            .build();

    /** Answers every request with success, without a network. */
    private final Client weChat = (request, options) -> {
        requests.incrementAndGet();
        return Response.builder().status(200).request(request).headers(Map.of())
                .body("{\"errcode\":0,\"errmsg\":\"ok\"}", StandardCharsets.UTF_8).build();
    };

    @AfterEach
    void close() {
        guard.close();
    }

    private <T> T client(Class<T> type) {
        return Feign.builder().client(weChat).addCapability(new WeChatQuotaCapability(guard))
                .target(type, "http://wechat.invalid");
    }

    @Test
    void staticFallback_isCalledWhenTheQuotaIsUsedUp() {
        StaticFallbackClient client = client(StaticFallbackClient.class);
        client.createMenu("{}");

        assertThat(client.createMenu("{}")).isEqualTo("static later");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void fallbackThatIsAnotherEndpoint_isCalledThroughTheClient() {
        OtherEndpointFallbackClient client = client(OtherEndpointFallbackClient.class);
        client.createMenu("{}");

        assertThat(client.createMenu("{}")).contains("\"errcode\":0");
        assertThat(requests.get()).isEqualTo(2);
    }

    /** Regression: accepted when the client was built, then failed with the proxy's error once the quota ran out. */
    @Test
    void privateFallback_isRefusedWhenTheClientIsBuilt() {
        assertThatThrownBy(() -> client(PrivateFallbackClient.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@WeChatApi on PrivateFallbackClient.createMenu: fallbackMethod 'later' is private; a "
                        + "Feign client calls a default or static method of its interface");
    }
}
