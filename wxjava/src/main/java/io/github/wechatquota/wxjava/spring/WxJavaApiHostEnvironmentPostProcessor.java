package io.github.wechatquota.wxjava.spring;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One place to say where WeChat is: when WxJava's starter is told an API host ({@code wx.mp.hosts.api-host}) and
 * {@code wechat.quota.api-base-url} is not set, the guard's own calls go to that host too.
 */
public final class WxJavaApiHostEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String API_BASE_URL = "wechat.quota.api-base-url";
    static final String WXJAVA_API_HOST = "wx.mp.hosts.api-host";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(API_BASE_URL)) {
            return;
        }
        String apiHost = environment.getProperty(WXJAVA_API_HOST);
        if (apiHost != null && !apiHost.isBlank()) {
            environment.getPropertySources().addLast(new MapPropertySource("wechatQuotaWxJavaApiHost",
                    Map.of(API_BASE_URL, apiHost.trim())));
        }
    }
}
