package io.github.wechatquota.demo;

import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the WeChat the demo talks to, once {@code application.yml} is read and before any bean exists (so before
 * the starter's start-up sync):
 *
 * <ul>
 *   <li>{@code wechat.quota.api-base-url} empty (the default): starts the {@link WeChatSimulator} on a free loopback
 *       port with the demo's account and the low limits of {@code demo.simulator.daily-limits}, points the starter at
 *       it, and makes it a bean (closed with the application) for the demo's runner;</li>
 *   <li>{@code demo.app-id} (from {@code WX_APPID}; blank counts as unset) other than the
 *       {@value #CONFIGURED_APP_ID} of {@code application.yml}: that account's settings apply to {@code demo.app-id}
 *       instead, so that a real appid needs no edit of the file. A service would simply write its appid there.</li>
 * </ul>
 *
 * Registered in {@code META-INF/spring.factories}.
 */
public final class DemoBackend implements EnvironmentPostProcessor, Ordered {

    /** The appid {@code application.yml} configures: the simulator's demo account. */
    static final String CONFIGURED_APP_ID = "wx0123456789abcdef";
    /** The bean name of the simulator, when the demo runs one. */
    static final String SIMULATOR_BEAN = "weChatSimulator";

    private static final String APPS = "wechat.quota.apps.";

    private final Log log;

    public DemoBackend(DeferredLogFactory logs) {
        this.log = logs.getLog(DemoBackend.class);
    }

    /** After {@code ConfigDataEnvironmentPostProcessor}: {@code application.yml} and the command line are known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("demo.app-id");
        String appId = StringUtils.hasText(configured) ? configured.trim() : CONFIGURED_APP_ID;
        if (!appId.equals(CONFIGURED_APP_ID)) {
            moveAccount(environment, APPS + CONFIGURED_APP_ID + ".", APPS + appId + ".");
        }
        Map<String, Object> chosen = new HashMap<>();
        chosen.put("demo.app-id", appId);
        if (!StringUtils.hasText(environment.getProperty("wechat.quota.api-base-url"))) {
            WeChatSimulator simulator = startSimulator(environment, appId);
            chosen.put("wechat.quota.api-base-url", simulator.baseUri().toString());
            application.addInitializers(context -> ((GenericApplicationContext) context).registerBean(SIMULATOR_BEAN,
                    WeChatSimulator.class, () -> simulator, bean -> bean.setDestroyMethodName("close")));
            log.info("wechat.quota.api-base-url is empty: the WeChat simulator serves appid " + appId + " at "
                    + simulator.baseUri());
        }
        environment.getPropertySources().addFirst(new MapPropertySource("demoBackend", chosen));
    }

    private static WeChatSimulator startSimulator(ConfigurableEnvironment environment, String appId) {
        String app = APPS + appId + ".";
        String secret = environment.getProperty(app + "secret", "");
        AccountType type = AccountType.fromId(environment.getProperty(app + "account-type", "official-account"));
        Map<String, Long> limits = Binder.get(environment)
                .bind("demo.simulator.daily-limits", Bindable.mapOf(String.class, Long.class))
                .orElse(Map.of());
        WeChatSimulator simulator = WeChatSimulator.builder().account(appId, secret, type).start();
        limits.forEach((cgiPath, limit) -> simulator.setDailyLimit(appId, cgiPath, limit));
        return simulator;
    }

    /** Shows every {@code from...} property of the configuration files as {@code to...}, and hides the original. */
    private static void moveAccount(ConfigurableEnvironment environment, String from, String to) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable
                    && Arrays.stream(enumerable.getPropertyNames()).anyMatch(name -> name.startsWith(from))) {
                environment.getPropertySources().replace(source.getName(), new Moved(enumerable, from, to));
            }
        }
    }

    /** A property source with one prefix renamed; errors still point at the line of application.yml. */
    private static final class Moved extends EnumerablePropertySource<EnumerablePropertySource<?>>
            implements OriginLookup<String> {

        private final String from;
        private final String to;

        Moved(EnumerablePropertySource<?> source, String from, String to) {
            super(source.getName(), source);
            this.from = from;
            this.to = to;
        }

        @Override
        public String[] getPropertyNames() {
            return Arrays.stream(source.getPropertyNames())
                    .map(name -> name.startsWith(from) ? to + name.substring(from.length()) : name)
                    .toArray(String[]::new);
        }

        @Override
        public Object getProperty(String name) {
            if (name.startsWith(to)) {
                return source.getProperty(from + name.substring(to.length()));
            }
            return name.startsWith(from) ? null : source.getProperty(name);
        }

        @Override
        public Origin getOrigin(String name) {
            String original = name.startsWith(to) ? from + name.substring(to.length()) : name;
            return OriginLookup.getOrigin(source, original);
        }
    }
}
