package io.github.wechatquota.store.redis;

import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.QuotaStoreContract;
import io.github.wechatquota.testing.ExternalServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The store contract on the shared Redis through Redisson: each store is a new store on one {@link RedissonClient},
 * as two application instances would have; a plain Lettuce connection deletes what the test made.
 */
class RedissonQuotaStoreContractTest extends QuotaStoreContract {

    private static RedissonClient redisson;
    private static RedisClient adminClient;
    private static StatefulRedisConnection<String, String> admin;

    private final String prefix = "wxq-test-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        ExternalServices.requireRedis();
        redisson = redisson();
        adminClient = RedisClient.create(RedisURI.create(ExternalServices.REDIS_HOST, ExternalServices.REDIS_PORT));
        admin = adminClient.connect();
    }

    /** A Redisson client on the shared Redis, small pools: tests open several. */
    static RedissonClient redisson() {
        Config config = new Config();
        config.useSingleServer()
                .setAddress("redis://" + ExternalServices.REDIS_HOST + ":" + ExternalServices.REDIS_PORT)
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(8);
        return Redisson.create(config);
    }

    @AfterAll
    static void disconnect() {
        if (redisson != null) {
            redisson.shutdown();
            admin.close();
            adminClient.shutdown();
        }
    }

    @AfterEach
    void deleteThisTestsKeys() {
        RedisKeys.deleteUnder(admin.sync(), prefix);
    }

    @Override
    protected QuotaStore newStore(Clock clock) {
        return RedissonQuotaStore.builder(redisson).keyPrefix(prefix).clock(clock).build();
    }

    @Override
    protected String key(String name) {
        return prefix + ":" + name;
    }

    @Override
    protected boolean loseState(String key) {
        return admin.sync().del(key) == 1;
    }

    @Override
    protected boolean sharesAcrossInstances() {
        return true;
    }
}
