package io.github.wechatquota.wxjava.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.wxjava.WxJavaFixture;
import io.github.wechatquota.wxjava.WxJavaQuota;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.open.api.WxOpenService;
import me.chanjar.weixin.open.api.impl.WxOpenInMemoryConfigStorage;
import me.chanjar.weixin.open.api.impl.WxOpenServiceImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring Boot application with its own {@code WxOpenService} bean (a third-party platform) and no quota code. Runs on
 * WxJava 4.6 only (weixin-java-open resolves at 4.6): the build's second test run.
 */
class WxJavaOpenSpringBootTest {

    private static final String AUTHORIZER = "wxau00000000000a";
    private static final String MENU_CREATE = "/cgi-bin/menu/create";

    private final WeChatSimulator simulator = WeChatSimulator.builder()
            .account(AUTHORIZER, "authorizer-secret-unused", AccountType.OFFICIAL_ACCOUNT)
            .start();

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = {"com.binarywang.spring.starter.wxjava.mp.config.WxMpAutoConfiguration",
            "com.binarywang.spring.starter.wxjava.miniapp.config.WxMaAutoConfiguration"})
    static class Platform {

        @Bean
        WxOpenService wxOpenService(WeChatSimulator simulator) {
            WxOpenInMemoryConfigStorage storage = new WxOpenInMemoryConfigStorage();
            storage.setComponentAppId("wxcomponent0000a");
            storage.setComponentAppSecret("component-secret-never-logged");
            storage.updateAuthorizerAccessToken(AUTHORIZER, simulator.issueToken(AUTHORIZER), 7200);
            WxOpenServiceImpl platform = new WxOpenServiceImpl();
            platform.setWxOpenConfigStorage(storage);
            return platform;
        }
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(Platform.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> context.getBeanFactory().registerSingleton("weChatSimulator", simulator))
                .properties("wechat.quota.api-base-url=" + simulator.baseUri(), "wechat.quota.safety-margin=0",
                        "wechat.quota.sync.interval=0", "wechat.quota.sync.on-first-use=false",
                        "wechat.quota.apps." + AUTHORIZER + ".apis.[" + MENU_CREATE + "].daily-limit=1")
                .run();
    }

    @Test
    void theApplicationsWxOpenServiceHandsOutGuardedAuthorizerServices() throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            WxOpenService platform = context.getBean(WxOpenService.class);
            WxMpService authorizer = platform.getWxOpenComponentService().getWxMpServiceByAppid(AUTHORIZER);
            String host = WxJavaFixture.host(simulator);
            authorizer.getWxMpConfigStorage().setHostConfig(new WxMpHostConfig(host, host, host));
            authorizer.getMenuService().menuCreate(WxJavaFixture.menu());

            assertThat(WxJavaQuota.isGuarded(platform)).isTrue();
            assertThatThrownBy(() -> authorizer.getMenuService().menuCreate(WxJavaFixture.menu()))
                    .isInstanceOf(WxErrorException.class)
                    .hasCauseInstanceOf(QuotaExhaustedException.class);
            assertThat(context.getBean(QuotaGuard.class).syncNow().join().failed()).isZero();
            assertThat(simulator.calls(MENU_CREATE)).hasSize(1);
            assertThat(simulator.calls("/cgi-bin/token")).isEmpty();
        }
    }
}
