package io.github.wechatquota.store.redis;

import io.github.wechatquota.testing.RedisServerProcess;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.QuotaStoreContract;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a Redis Cluster through {@link RedisClusterClient}: a one-node cluster of the test's own,
 * holding every slot, so that the cluster code paths (slot routing, cross-slot rules for scripts) are exercised.
 */
class RedisClusterQuotaStoreContractTest extends QuotaStoreContract {

    private static RedisServerProcess node;
    private static RedisClusterClient client;
    private static StatefulRedisClusterConnection<String, String> admin;

    private final String prefix = "wxq-test-" + UUID.randomUUID();

    @BeforeAll
    static void startCluster() throws Exception {
        RedisServerProcess.requireBinary();
        node = RedisServerProcess.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-announce-ip", "127.0.0.1");
        RedisClient plain = RedisClient.create(node.uri());
        try (StatefulRedisConnection<String, String> connection = plain.connect()) {
            connection.sync().clusterAddSlotsRange(Range.create(0, 16383));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!connection.sync().clusterInfo().contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("one-node cluster not ready: " + connection.sync().clusterInfo());
                }
                Thread.sleep(50);
            }
        } finally {
            plain.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        client = RedisClusterClient.create(node.uri());
        admin = client.connect();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (node != null) {
            node.close();
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
