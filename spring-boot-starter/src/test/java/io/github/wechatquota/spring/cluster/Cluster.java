package io.github.wechatquota.spring.cluster;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Several instances of {@link ClusterApplication}, each a whole Spring context, sharing one WeChat, clock and store. */
final class Cluster implements AutoCloseable {

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    /**
     * @param properties each instance's configuration
     * @param beans beans every instance gets, by name (a shared DataSource, say); a {@link java.util.function.Supplier}
     *     is asked once per instance, for a bean of each instance's own (a client with its own connections, say)
     */
    Cluster(int size, WeChatSimulator weChat, MutableClock clock, Map<String, Object> properties,
            Map<String, Object> beans) {
        for (int i = 0; i < size; i++) {
            Map<String, Object> all = new java.util.HashMap<>(properties);
            all.put("wechat.quota.api-base-url", weChat.baseUri().toString());
            all.put("wechat.quota.apps." + ClusterApplication.APP_ID + ".secret", ClusterApplication.SECRET);
            all.put("wechat.quota.sync.interval", "0");
            all.put("wechat.quota.sync.on-first-use", "false");
            all.put("spring.main.banner-mode", "off");
            instances.add(new SpringApplicationBuilder(ClusterApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties(all)
                    .initializers(context -> {
                        context.getBeanFactory().registerSingleton("clock", clock);
                        beans.forEach((name, bean) -> context.getBeanFactory().registerSingleton(name,
                                bean instanceof java.util.function.Supplier<?> perInstance ? perInstance.get() : bean));
                    })
                    .run());
        }
    }

    List<ClusterApplication.Messenger> messengers() {
        return instances.stream().map(context -> context.getBean(ClusterApplication.Messenger.class)).toList();
    }

    QuotaGuard guard(int instance) {
        return instances.get(instance).getBean(QuotaGuard.class);
    }

    ClusterFeignClient feignClient(int instance) {
        return instances.get(instance).getBean(ClusterFeignClient.class);
    }

    ConfigurableApplicationContext context(int instance) {
        return instances.get(instance);
    }

    <T> T bean(int instance, Class<T> type) {
        return instances.get(instance).getBean(type);
    }

    @Override
    public void close() {
        instances.forEach(ConfigurableApplicationContext::close);
    }
}
