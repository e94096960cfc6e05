package io.github.wechatquota.spring.httpservice;

import io.github.wechatquota.simulator.WeChatSimulator;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The client's proxy comes from {@code HttpServiceProxyFactory} over a RestClient, in a {@code @Bean}. */
@SpringBootTest(classes = HttpServiceClientApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class HttpServiceProxyFactoryClientTest extends HttpServiceClientContract {

    static final WeChatSimulator WECHAT = startWeChat();

    @Autowired
    WeChatHttpClient client;

    @DynamicPropertySource
    static void weChat(DynamicPropertyRegistry registry) {
        useWeChat(registry, WECHAT);
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
}
