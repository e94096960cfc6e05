package io.github.wechatquota.wxjavademo;

import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With {@code wx.mp.hosts.api-host} empty (the default), starts the {@link WeChatSimulator} on a free loopback port with
 * the demo's account and the low limits of {@code demo.simulator.daily-limits}, and points WxJava's starter at it (and
 * so wechat-quota too, which follows WxJava's API host). Runs once {@code application.yml} is read, before wechat-quota
 * reads WxJava's host. Registered in {@code META-INF/spring.factories}.
 */
public final class DemoSimulator implements EnvironmentPostProcessor, Ordered {

    /** The bean name of the simulator, when the demo runs one. */
    static final String SIMULATOR_BEAN = "weChatSimulator";

    private final Log log;

    public DemoSimulator(DeferredLogFactory logs) {
        this.log = logs.getLog(DemoSimulator.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("wx.mp.hosts.api-host"))) {
            return;
        }
        String appId = environment.getRequiredProperty("wx.mp.app-id");
        WeChatSimulator simulator = WeChatSimulator.builder()
                .account(appId, environment.getProperty("wx.mp.secret", ""), AccountType.OFFICIAL_ACCOUNT)
                .start();
        Binder.get(environment).bind("demo.simulator.daily-limits", Bindable.mapOf(String.class, Long.class))
                .orElse(Map.of())
                .forEach((cgiPath, limit) -> simulator.setDailyLimit(appId, cgiPath, limit));
        String host = simulator.baseUri().toString().replaceAll("/$", "");
        environment.getPropertySources().addFirst(new MapPropertySource("demoSimulator", Map.of(
                "wx.mp.hosts.api-host", host, "wx.mp.hosts.open-host", host, "wx.mp.hosts.mp-host", host)));
        application.addInitializers(context -> ((GenericApplicationContext) context).registerBean(SIMULATOR_BEAN,
                WeChatSimulator.class, () -> simulator, bean -> bean.setDestroyMethodName("close")));
        log.info("wx.mp.hosts.api-host is empty: the WeChat simulator serves appid " + appId + " at " + host);
    }
}
