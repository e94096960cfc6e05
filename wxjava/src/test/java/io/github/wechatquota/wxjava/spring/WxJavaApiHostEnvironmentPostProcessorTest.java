package io.github.wechatquota.wxjava.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class WxJavaApiHostEnvironmentPostProcessorTest {

    private final WxJavaApiHostEnvironmentPostProcessor postProcessor = new WxJavaApiHostEnvironmentPostProcessor();

    private MockEnvironment processed(MockEnvironment environment) {
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void wxJavasApiHostIsTheGuardsBaseUrlWhenNoneIsSet() {
        MockEnvironment environment = processed(new MockEnvironment()
                .withProperty("wx.mp.hosts.api-host", "https://wechat-proxy.example.com"));

        assertThat(environment.getProperty("wechat.quota.api-base-url")).isEqualTo("https://wechat-proxy.example.com");
    }

    @Test
    void aConfiguredBaseUrlWins() {
        MockEnvironment environment = processed(new MockEnvironment()
                .withProperty("wx.mp.hosts.api-host", "https://wechat-proxy.example.com")
                .withProperty("wechat.quota.api-base-url", "https://api.weixin.qq.com"));

        assertThat(environment.getProperty("wechat.quota.api-base-url")).isEqualTo("https://api.weixin.qq.com");
    }

    @Test
    void noApiHostLeavesTheBaseUrlAlone() {
        MockEnvironment environment = processed(new MockEnvironment().withProperty("wx.mp.hosts.api-host", " "));

        assertThat(environment.containsProperty("wechat.quota.api-base-url")).isFalse();
    }
}
