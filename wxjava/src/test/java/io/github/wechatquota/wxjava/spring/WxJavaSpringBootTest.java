package io.github.wechatquota.wxjava.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.binarywang.wx.miniapp.api.WxMaService;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.spring.autoconfigure.WeChatQuotaConfigurationException;
import io.github.wechatquota.token.AccessTokenProvider;
import io.github.wechatquota.wxjava.WxJavaFixture;
import io.github.wechatquota.wxjava.WxJavaQuota;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** A Spring Boot application with WxJava's starters, wechat-quota's starter and this module, and no quota code. */
class WxJavaSpringBootTest {

    private static final String MP_APP = "wxmp00000000000a";
    private static final String MP_SECRET = "spring-mp-secret-never-logged";
    private static final String MA_APP = "wxma00000000000a";
    private static final String FEIGN_APP = "wxfe00000000000a";
    private static final String FEIGN_SECRET = "spring-feign-secret-never-logged";
    private static final String MENU_CREATE = "/cgi-bin/menu/create";

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {
    }

    private final WeChatSimulator simulator = WeChatSimulator.builder()
            .account(MP_APP, MP_SECRET, AccountType.OFFICIAL_ACCOUNT)
            .account(FEIGN_APP, FEIGN_SECRET, AccountType.OFFICIAL_ACCOUNT)
            .start();

    @AfterEach
    void close() {
        simulator.close();
    }

    private ConfigurableApplicationContext start(String... more) {
        String host = WxJavaFixture.host(simulator);
        return new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties("wx.mp.app-id=" + MP_APP, "wx.mp.secret=" + MP_SECRET,
                        "wx.mp.hosts.api-host=" + host, "wx.mp.hosts.open-host=" + host,
                        "wx.mp.hosts.mp-host=" + host,
                        "wx.miniapp.appid=" + MA_APP, "wx.miniapp.secret=unused",
                        "wechat.quota.safety-margin=0", "wechat.quota.sync.interval=0",
                        "wechat.quota.sync.on-first-use=false",
                        "wechat.quota.apps." + MP_APP + ".apis.[" + MENU_CREATE + "].daily-limit=2")
                .properties(more)
                .run();
    }

    @Test
    void theStartersWxMpServiceIsGuardedWithNoCode() throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            WxMpService wxMpService = context.getBean(WxMpService.class);
            wxMpService.getMenuService().menuCreate(WxJavaFixture.menu());
            wxMpService.getMenuService().menuCreate(WxJavaFixture.menu());

            assertThatThrownBy(() -> wxMpService.getMenuService().menuCreate(WxJavaFixture.menu()))
                    .isInstanceOf(WxErrorException.class)
                    .hasCauseInstanceOf(QuotaExhaustedException.class)
                    .hasMessageContaining("before calling WeChat");
            assertThat(simulator.calls(MENU_CREATE)).hasSize(2);
        }
    }

    @Test
    void theMiniProgramServiceIsGuardedToo() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(WxJavaQuota.isGuarded(context.getBean(WxMaService.class))).isTrue();
        }
    }

    @Test
    void theGuardsOwnCallsGoToWxJavasApiHostWithWxJavasOneToken() throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            context.getBean(WxMpService.class).getMenuService().menuCreate(WxJavaFixture.menu());

            assertThat(context.getBean(QuotaGuard.class).syncNow().join().failed()).isZero();

            assertThat(simulator.calls("/cgi-bin/openapi/quota/get")).isNotEmpty()
                    .allSatisfy(call -> assertThat(call.errcode()).isZero());
            assertThat(simulator.calls("/cgi-bin/token")).hasSize(1);
            assertThat(simulator.calls("/cgi-bin/stable_token")).isEmpty();
        }
    }

    @Test
    void anAccountNoWxJavaBeanServesTakesAStableTokenWithItsConfiguredSecret() {
        try (ConfigurableApplicationContext context = start("wechat.quota.apps." + FEIGN_APP + ".secret="
                + FEIGN_SECRET)) {
            AccessTokenProvider tokens = context.getBean(AccessTokenProvider.class);

            assertThat(tokens.getAccessToken(FEIGN_APP)).isNotBlank();
            assertThat(simulator.calls("/cgi-bin/stable_token")).singleElement()
                    .satisfies(call -> assertThat(call.appId()).isEqualTo(FEIGN_APP));
            assertThat(simulator.calls("/cgi-bin/token")).isEmpty();
        }
    }

    @Test
    void aConfiguredFallbackForAWxJavaAccountFailsStartUp() {
        assertThatThrownBy(() -> start("wechat.quota.rules[0].match=/cgi-bin/menu/**",
                "wechat.quota.rules[0].policy=fallback"))
                .isInstanceOf(WeChatQuotaConfigurationException.class)
                .hasMessageContaining("wechat.quota.rules[0].policy")
                .hasMessageContaining("no fallback method");
    }
}
