package io.github.wechatquota.wxjava;

import static io.github.wechatquota.wxjava.WxJavaFixture.MP_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.redis.RedisQuotaStore;
import io.github.wechatquota.testing.ExternalServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import java.util.UUID;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two application instances, each with its own WxMpService and guard, on one Redis. */
class WxJavaOnRedisTest {

    private static final String MENU_CREATE = "/cgi-bin/menu/create";
    private static final String REDIS = "redis://" + ExternalServices.REDIS_HOST + ":" + ExternalServices.REDIS_PORT;

    private final String prefix = "wxq-wxjava-" + UUID.randomUUID().toString().substring(0, 8);
    private WeChatSimulator simulator;
    private QuotaStore storeA;
    private QuotaStore storeB;
    private QuotaGuard guardA;
    private QuotaGuard guardB;

    @BeforeEach
    void redis() {
        ExternalServices.requireRedis();
        simulator = WxJavaFixture.simulator();
    }

    @AfterEach
    void close() {
        for (AutoCloseable closeable : new AutoCloseable[] {guardA, guardB, storeA, storeB, simulator}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // closing what the test made; nothing to report
            }
        }
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var keys = connection.sync().keys(prefix + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    private QuotaGuard instance(WxMpService service, QuotaStore store) {
        return WxJavaFixture.exact(WxMpQuota.guardBuilder(service))
                .store(store)
                .keyPrefix(prefix)
                .app(WxJavaFixture.app(MP_APP, AccountType.OFFICIAL_ACCOUNT, Map.of(MENU_CREATE, 3L)))
                .build();
    }

    @Test
    void twoInstancesShareOneCount() throws Exception {
        WxMpService serviceA = WxJavaFixture.mpService(simulator);
        WxMpService serviceB = WxJavaFixture.mpService(simulator);
        storeA = RedisQuotaStore.builder(REDIS).keyPrefix(prefix).build();
        storeB = RedisQuotaStore.builder(REDIS).keyPrefix(prefix).build();
        guardA = instance(serviceA, storeA);
        guardB = instance(serviceB, storeB);
        WxMpService a = WxMpQuota.guard(serviceA, guardA);
        WxMpService b = WxMpQuota.guard(serviceB, guardB);

        a.getMenuService().menuCreate(WxJavaFixture.menu());
        a.getMenuService().menuCreate(WxJavaFixture.menu());
        b.getMenuService().menuCreate(WxJavaFixture.menu());

        assertThatThrownBy(() -> b.getMenuService().menuCreate(WxJavaFixture.menu()))
                .isInstanceOf(WxErrorException.class)
                .hasMessageContaining("before calling WeChat");
        assertThatThrownBy(() -> a.getMenuService().menuCreate(WxJavaFixture.menu()))
                .isInstanceOf(WxErrorException.class);
        assertThat(simulator.calls(MENU_CREATE)).hasSize(3);
    }
}
