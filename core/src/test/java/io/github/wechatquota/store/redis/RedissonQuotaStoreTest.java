package io.github.wechatquota.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.testing.ExternalServices;
import io.github.wechatquota.testing.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisTimeoutException;
import org.redisson.config.Config;

/** What the Redis store does through Redisson beyond the contract: sharing with Lettuce, the client, timeouts. */
class RedissonQuotaStoreTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private final String prefix = "wxq-test-" + UUID.randomUUID();

    private static BucketConfiguration daily(long capacity) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, Duration.ofDays(1))
                        .initialTokens(capacity).build())
                .build();
    }

    @Test
    void instancesOnRedissonAndOnLettuce_shareOneCount_oneClearBudget_andOneLock() throws Exception {
        ExternalServices.requireRedis();
        RedissonClient redisson = RedissonQuotaStoreContractTest.redisson();
        RedisClient lettuce = RedisClient.create(RedisURI.create(ExternalServices.REDIS_HOST,
                ExternalServices.REDIS_PORT));
        try (StatefulRedisConnection<String, String> admin = lettuce.connect();
                QuotaStore viaRedisson = RedissonQuotaStore.builder(redisson).keyPrefix(prefix).build();
                QuotaStore viaLettuce = RedisQuotaStore.builder(lettuce).keyPrefix(prefix).build()) {
            String key = prefix + ":wx1:/cgi-bin/menu/create";
            viaRedisson.bucket(key, daily(10)).tryConsume(3);
            viaLettuce.bucket(key, daily(10)).tryConsume(2);
            assertThat(viaRedisson.bucket(key, daily(10)).getAvailableTokens()).isEqualTo(5);

            assertThat(viaLettuce.clears().tryReserve("wx1", NOVEMBER, 2)).isTrue();
            assertThat(viaRedisson.clears().tryReserve("wx1", NOVEMBER, 2)).isTrue();
            assertThat(viaLettuce.clears().tryReserve("wx1", NOVEMBER, 2)).isFalse();

            AutoCloseable held = viaRedisson.clears().lock("wx1", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
            assertThat(viaLettuce.clears().lock("wx1", Duration.ofSeconds(30), Duration.ZERO)).isEmpty();
            held.close();
            assertThat(viaLettuce.clears().lock("wx1", Duration.ofSeconds(30), Duration.ZERO)).isPresent();

            RedisKeys.deleteUnder(admin.sync(), prefix);
        } finally {
            redisson.shutdown();
            lettuce.shutdown();
        }
    }

    @Test
    void close_leavesTheApplicationsClientOpen() {
        ExternalServices.requireRedis();
        RedissonClient redisson = RedissonQuotaStoreContractTest.redisson();
        try {
            RedissonQuotaStore.builder(redisson).keyPrefix(prefix).build().close();

            assertThat(redisson.isShutdown()).isFalse();
            assertThat(redisson.getBucket(prefix + ":probe").isExists()).isFalse();
        } finally {
            redisson.shutdown();
        }
    }

    @Test
    void stuckRedis_failsWithinTheCommandTimeout_whateverRedissonsOwnTimeoutSays() throws Exception {
        RedisServerProcess.requireBinary();
        try (RedisServerProcess server = RedisServerProcess.start()) {
            Config config = new Config();
            config.useSingleServer().setAddress(server.uri()).setTimeout(10_000).setRetryAttempts(3)
                    .setConnectionMinimumIdleSize(1).setConnectionPoolSize(2);
            RedissonClient redisson = Redisson.create(config);
            try (QuotaStore store = RedissonQuotaStore.builder(redisson).keyPrefix(prefix).build()) {
                Bucket bucket = store.bucket(prefix + ":wx1:/cgi-bin/menu/create", daily(10));
                bucket.tryConsume(1);

                RedisClient plain = RedisClient.create(server.uri());
                try (StatefulRedisConnection<String, String> connection = plain.connect()) {
                    connection.sync().clientPause(3_000);
                } finally {
                    plain.shutdown();
                }

                assertTimeoutPreemptively(Duration.ofMillis(2_500), () -> {
                    assertThat(catchThrowable(() -> bucket.tryConsume(1)))
                            .isInstanceOfAny(io.github.bucket4j.TimeoutException.class, RedisTimeoutException.class);
                    assertThatThrownBy(() -> store.clears().used("wx1", NOVEMBER))
                            .isInstanceOf(RedisTimeoutException.class)
                            .hasMessage("Redis did not answer reading clears within 500 ms");
                });
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> bucket.getAvailableTokens() == 9);
            } finally {
                redisson.shutdown();
            }
        }
    }

    @Test
    void builder_aClientThatIsNotRedissonsOwn_isRefusedNamingIt() {
        RedissonClient wrapped = (RedissonClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RedissonClient.class}, (proxy, method, args) -> null);

        assertThatThrownBy(() -> RedissonQuotaStore.builder(wrapped).keyPrefix(prefix).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The Redis quota store needs Redisson's own client (org.redisson.Redisson");
    }
}
