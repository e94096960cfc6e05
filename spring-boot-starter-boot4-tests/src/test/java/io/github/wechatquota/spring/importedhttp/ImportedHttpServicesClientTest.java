package io.github.wechatquota.spring.importedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.spring.httpservice.HttpServiceClientContract;
import io.github.wechatquota.spring.httpservice.WeChatHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** On Spring Boot 4, the clients' proxies come from {@code @ImportHttpServices}: guarded the same way. */
@SpringBootTest(classes = ImportedHttpServicesApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ImportedHttpServicesClientTest extends HttpServiceClientContract {

    static final WeChatSimulator WECHAT = startWeChat();

    @Autowired
    WeChatHttpClient client;
    @Autowired
    WeChatJsonClient jsonClient;

    @DynamicPropertySource
    static void weChat(DynamicPropertyRegistry registry) {
        useWeChat(registry, WECHAT);
        registry.add("spring.http.serviceclient.wechat.base-url", () -> WECHAT.baseUri().toString());
    }

    @AfterAll
    static void stopWeChat() {
        WECHAT.close();
    }

    @Override
    protected WeChatHttpClient client() {
        return client;
    }

    @Override
    protected WeChatSimulator weChat() {
        return WECHAT;
    }

    @Test
    void client_weChat45009InAJackson3Tree_drainsTheQuotaAndFallsBack() {
        WECHAT.setDailyLimit(ImportedHttpServicesApplication.APP_ID, "/cgi-bin/groups/create", 1);
        jsonClient.createGroup();

        JsonNode second = jsonClient.createGroup();

        assertThat(second.get("queued").asString()).contains("WeChat answered 45009");
        assertThat(guard.snapshot(ImportedHttpServicesApplication.APP_ID, "/cgi-bin/groups/create")
                .orElseThrow().remaining().orElseThrow()).isZero();
    }
}
