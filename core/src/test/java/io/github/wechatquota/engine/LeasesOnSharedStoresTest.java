package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.jdbc.JdbcQuotaStore;
import io.github.wechatquota.store.redis.RedisQuotaStore;
import io.github.wechatquota.testing.ExternalServices;
import io.github.wechatquota.testing.PostgresSchema;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two guards (two instances) with leases on, sharing one quota on real Redis and PostgreSQL, calling the simulator:
 * exactly the limit reaches WeChat, and a guard closed mid-day gives its block back to the other.
 */
class LeasesOnSharedStoresTest extends EngineTestSupport {

    private static final long LIMIT = 1000; // the simulator's menu/create limit for an official account

    private final String prefix = "wxq-lease-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<QuotaGuard> guards = new ArrayList<>();
    private final List<QuotaStore> stores = new ArrayList<>();
    private PostgresSchema schema;

    @AfterEach
    void closeGuardsAndCleanUp() {
        guards.forEach(QuotaGuard::close);
        stores.forEach(QuotaStore::close);
        if (schema != null) {
            schema.close();
        }
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().keys(prefix + ":*").forEach(key -> connection.sync().del(key));
        } catch (RuntimeException redisAway) {
            // nothing was written there
        } finally {
            client.shutdown();
        }
    }

    private QuotaStore store(String type) {
        if (type.equals("redis")) {
            ExternalServices.requireRedis();
            return RedisQuotaStore.builder("redis://127.0.0.1:6379").keyPrefix(prefix).build();
        }
        ExternalServices.requirePostgres();
        if (schema == null) {
            schema = PostgresSchema.create();
        }
        return JdbcQuotaStore.builder(schema.dataSource()).createTables(true).build();
    }

    /** An instance: a guard of its own on its own store object, over the shared backend. */
    private GuardedApi instance(String type) {
        QuotaStore store = store(type);
        stores.add(store);
        QuotaGuard instance = guardBuilder().store(store).keyPrefix(prefix).build();
        guards.add(instance);
        return instance.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(LIMIT).policy(QuotaPolicy.REJECT)
                .build());
    }

    /** One call through {@code guard}; 1 when it reached WeChat, 0 when the guard refused it. */
    /** Makes {@code times} calls on one instance, 5 ms apart; returns how many were let through. */
    private int callEvery5Millis(int guard, GuardedApi api, int times) {
        int through = 0;
        for (int i = 0; i < times; i++) {
            through += call(guard, api);
            clock.advance(Duration.ofMillis(5));
        }
        return through;
    }

    private int call(int guard, GuardedApi api) {
        try {
            guards.get(guard).execute(api, null, () -> callWeChat(MENU_CREATE));
            return 1;
        } catch (QuotaExhaustedException refused) {
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long limitedByWeChat() {
        return weChat.calls(MENU_CREATE).stream().filter(call -> call.errcode() == 45009).count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "postgres"})
    void twoInstancesCallingToTheEnd_letExactlyTheLimitReachWeChat(String type) {
        GuardedApi first = instance(type);
        GuardedApi second = instance(type);

        int through = 0;
        for (int round = 0; round < 800; round++) {
            through += call(0, first) + call(0, first) + call(1, second);
            clock.advance(Duration.ofMillis(3));
        }

        assertThat(through).isEqualTo(LIMIT);
        assertThat(reachedWeChat(MENU_CREATE)).isEqualTo(LIMIT);
        assertThat(limitedByWeChat()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "postgres"})
    void instanceClosedMidDay_givesItsBlockBack_soTheOtherUsesTheWholeLimit(String type) {
        GuardedApi first = instance(type);
        GuardedApi second = instance(type);
        int through = callEvery5Millis(0, first, 300);

        guards.get(0).close();
        through += callEvery5Millis(1, second, 1_000);

        assertThat(through).isEqualTo(LIMIT);
        assertThat(reachedWeChat(MENU_CREATE)).isEqualTo(LIMIT);
        assertThat(limitedByWeChat()).isZero();
    }

    /**
     * An instance that dies holding a block (abandoned here, never closed: a process killed, as benchmarks'
     * KilledInstanceTest does for real) leaves its lease record until it lapses, and a sync meanwhile counts it as
     * leased; the other instance, refused, asks WeChat again by itself once the record has lapsed, and gets the dead
     * block's tokens back.
     */
    @ParameterizedTest
    @ValueSource(strings = {"redis", "postgres"})
    void instanceDeadHoldingABlock_theOtherAsksWeChatOnceItsRecordLapses_andUsesTheRest(String type) {
        GuardedApi first = instance(type);
        GuardedApi second = instance(type);
        int through = callEvery5Millis(0, first, 300); // then it dies: never closed

        through += callEvery5Millis(1, second, 1_000);
        guards.get(1).syncNow().join(); // the last answer before the lapse: it counts the dead block as leased
        through += callEvery5Millis(1, second, 100);
        int beforeTheLapse = through;
        clock.advance(Lease.VALIDITY.plus(Lease.LAPSE_GRACE));
        through += callEvery5Millis(1, second, 500);

        assertThat(beforeTheLapse).as("the dead block held back").isLessThan((int) LIMIT);
        assertThat(through).isEqualTo(LIMIT);
        assertThat(reachedWeChat(MENU_CREATE)).isEqualTo(LIMIT);
        assertThat(limitedByWeChat()).isZero();
    }
}
