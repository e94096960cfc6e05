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

/**
 * The store contract on the shared Redis. Each store is a new connection on one client, with this test's prefix, as
 * two application instances would have; every key the test made is deleted after it.
 */
class RedisQuotaStoreContractTest extends QuotaStoreContract {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> admin;

    /** JUnit makes an instance per test: each test has a prefix of its own. */
    private final String prefix = "wxq-test-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        ExternalServices.requireRedis();
        client = RedisClient.create(RedisURI.create(ExternalServices.REDIS_HOST, ExternalServices.REDIS_PORT));
        admin = client.connect();
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            admin.close();
            client.shutdown();
        }
    }

    @AfterEach
    void deleteThisTestsKeys() {
        RedisKeys.deleteUnder(admin.sync(), prefix);
    }

    @Override
    protected QuotaStore newStore(Clock clock) {
        return RedisQuotaStore.builder(client).keyPrefix(prefix).clock(clock).build();
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
