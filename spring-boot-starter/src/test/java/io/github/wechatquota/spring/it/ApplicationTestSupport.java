package io.github.wechatquota.spring.it;

import static io.github.wechatquota.spring.it.QuotaTestApplication.APP_ID;
import static io.github.wechatquota.spring.it.QuotaTestApplication.OTHER_APP;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * {@link QuotaTestApplication} running on a random port against a simulator of its own: each subclass starts one
 * with {@link #startWeChat()} and hands it to {@link #useWeChat}, so each gets its own application and WeChat.
 */
@ActiveProfiles("it")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApplicationTestSupport {

    @Autowired
    WeChatClient client;
    @Autowired
    AccountService accounts;
    @Autowired
    QuotaGuard guard;
    @Autowired
    MeterRegistry meters;
    @Value("${local.server.port}")
    int port;
    LocalHttp http;

    @BeforeEach
    void connect() {
        http = new LocalHttp(port);
    }

    /** A WeChat serving the application's two accounts. */
    static WeChatSimulator startWeChat() {
        return WeChatSimulator.builder()
                .account(APP_ID, QuotaTestApplication.SECRET, AccountType.OFFICIAL_ACCOUNT)
                .account(OTHER_APP, QuotaTestApplication.OTHER_SECRET, AccountType.OFFICIAL_ACCOUNT)
                .start();
    }

    static void useWeChat(DynamicPropertyRegistry registry, WeChatSimulator weChat) {
        registry.add("wechat.quota.api-base-url", () -> weChat.baseUri().toString());
    }

    /** A JSON body for an Actuator write operation. */
    static HttpEntity<Map<String, String>> action(String action) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(Map.of("action", action), headers);
    }
}
