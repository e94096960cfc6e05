package io.github.wechatquota.test.spring;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.Sleeper;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.SimulatedAccount;
import io.github.wechatquota.spring.autoconfigure.WeChatQuotaProperties;
import io.github.wechatquota.test.WeChatTestServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the test's WeChat before the application binds {@code wechat.quota}: serves the configured accounts, names
 * the simulator in {@code wechat.quota.api-base-url}, and registers the server, its clock and a clock-moving
 * {@link Sleeper} as beans (the latter two as fallbacks, so that the application's own win).
 */
final class WeChatQuotaContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE = "wechatQuotaTest";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        WeChatTestServer server = WeChatTestServer.start(accounts(context));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE,
                Map.of("wechat.quota.api-base-url", server.baseUri().toString())));
        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context.getBeanFactory();
        register(registry, "weChatTestServer", WeChatTestServer.class, () -> server, false)
                .setDestroyMethodName("close");
        server.onQuotaChange(() -> syncGuard(context));
        register(registry, "weChatTestClock", MutableClock.class, server::clock, true);
        register(registry, "weChatTestSleeper", Sleeper.class, () -> server.clock()::advance, true);
    }

    /** Every configured account with its secret and type; the default account when none is configured. */
    private static List<SimulatedAccount> accounts(ConfigurableApplicationContext context) {
        Map<String, WeChatQuotaProperties.App> apps = Binder.get(context.getEnvironment())
                .bind("wechat.quota.apps", Bindable.mapOf(String.class, WeChatQuotaProperties.App.class))
                .orElse(Map.of());
        if (apps.isEmpty()) {
            return List.of(new SimulatedAccount(WeChatTestServer.DEFAULT_APP_ID, WeChatTestServer.DEFAULT_SECRET,
                    AccountType.OFFICIAL_ACCOUNT));
        }
        return apps.entrySet().stream()
                .map(app -> new SimulatedAccount(app.getKey(),
                        app.getValue().secret() == null ? "" : app.getValue().secret(),
                        AccountType.valueOf(app.getValue().accountType().name())))
                .toList();
    }

    /** The application's guard, if it has one, takes what WeChat now says (getApiQuota for every known quota). */
    static void syncGuard(ApplicationContext context) {
        context.getBeanProvider(QuotaGuard.class).ifAvailable(guard -> guard.syncNow().join());
    }

    private static <T> RootBeanDefinition register(BeanDefinitionRegistry registry, String name, Class<T> type,
            Supplier<T> instance, boolean fallback) {
        RootBeanDefinition definition = new RootBeanDefinition(type, instance);
        definition.setFallback(fallback);
        registry.registerBeanDefinition(name, definition);
        return definition;
    }

    /** One context per configuration, whichever test class asked: the server is part of the context, not the test. */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
