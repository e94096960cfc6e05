package io.github.wechatquota.spring.cluster;

import static io.github.wechatquota.spring.cluster.ClusterApplication.APP_ID;
import static io.github.wechatquota.spring.cluster.ClusterApplication.SEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaStoreUnavailableException;
import io.github.wechatquota.engine.QuotaSnapshot;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.spring.BootLine;
import io.github.wechatquota.spring.actuate.QuotaHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.wechatquota.testing.ExternalServices;
import io.github.wechatquota.testing.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis goes away, comes back empty, or loses a key: calls go on as on-failure says and no fresh day is handed out. */
class RedisOutageClusterTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MutableClock clock = MutableClock.at(
            ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, CHINA).toInstant(), CHINA);
    private final String prefix = "wxq-outage-" + UUID.randomUUID().toString().substring(0, 8);
    private WeChatSimulator weChat;

    @BeforeEach
    void startWeChat() {
        weChat = WeChatSimulator.builder().clock(clock)
                .account(APP_ID, ClusterApplication.SECRET, AccountType.OFFICIAL_ACCOUNT).start();
        weChat.setDailyLimit(APP_ID, SEND, 200);
    }

    @AfterEach
    void stopWeChat() {
        weChat.close();
        RedisCleanup.deleteKeys(prefix);
    }

    private Map<String, Object> redisAt(String uri) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("wechat.quota.store.type", "redis");
        properties.put("wechat.quota.store.redis.uri", uri);
        properties.put("wechat.quota.store.redis.command-timeout", "300ms");
        properties.put("wechat.quota.store.key-prefix", prefix);
        properties.put("wechat.quota.store.on-failure", "local-fallback");
        properties.put("wechat.quota.store.expected-instances", "2");
        properties.put("wechat.quota.safety-margin", "0");
        return properties;
    }

    @Test
    void redisStoppedAndRestarted_callsGoOnLocallyAndCountsAreReconciled() throws Exception {
        RedisServerProcess.requireBinary();
        try (RedisServerProcess redis = RedisServerProcess.start();
                Cluster cluster = new Cluster(2, weChat, clock, redisAt(redis.uri()), Map.of())) {
            var messengers = cluster.messengers();
            assertThat(Messengers.send(messengers.get(0), 20)).isEqualTo(20);
            cluster.guard(0).snapshots();
            cluster.guard(1).snapshots();

            redis.kill();
            int whileDown = Messengers.send(messengers.get(0), 150) + Messengers.send(messengers.get(1), 150);

            assertThat(cluster.guard(0).storeStatus().reachable()).isFalse();
            assertThat(BootLine.healthStatus(cluster.context(0)))
                    .isEqualTo(QuotaHealth.STORE_DEGRADED);
            assertThat(cluster.bean(0, MeterRegistry.class).get("wechat.quota.store.reachable").gauge().value())
                    .isZero();
            assertThat(whileDown).isBetween(20, 180); // each instance counts its share of the 180 left
            redis.restart();
            // Each instance tries the store again five seconds (of its clock) after a failure, once its client has
            // reconnected.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofSeconds(1)).untilAsserted(() -> {
                        clock.advance(java.time.Duration.ofSeconds(5));
                        Messengers.send(messengers.get(0), 1);
                        Messengers.send(messengers.get(1), 1);
                        assertThat(cluster.guard(0).storeStatus().reachable()).isTrue();
                        assertThat(cluster.guard(1).storeStatus().reachable()).isTrue();
                    });

            long reached = weChat.successfulCalls(APP_ID, SEND);
            assertThat(reached).isLessThanOrEqualTo(200);
            assertThat(weChat.calls(SEND)).noneMatch(call -> call.errcode() == 45009);
            QuotaSnapshot after = cluster.guard(0).snapshot(APP_ID, SEND).orElseThrow();
            assertThat(after.remaining().orElseThrow()).isLessThanOrEqualTo(200 - reached);
        }
    }

    @Test
    void redisDownAtStartUp_underLocalFallback_startsDegradedAndServes_thenJoinsRedisWhenItAppears() throws Exception {
        RedisServerProcess.requireBinary();
        try (RedisServerProcess redis = RedisServerProcess.notStarted();
                Cluster cluster = new Cluster(1, weChat, clock, redisAt(redis.uri()), Map.of())) {
            assertThat(BootLine.healthStatus(cluster.context(0)))
                    .isEqualTo(QuotaHealth.STORE_DEGRADED);
            ClusterApplication.Messenger messenger = cluster.messengers().get(0);
            assertThat(Messengers.send(messenger, 10)).isEqualTo(10);
            assertThat(cluster.feignClient(0).send("{}")).contains("\"errcode\":0");

            redis.restart();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofMillis(500)).untilAsserted(() -> {
                        clock.advance(java.time.Duration.ofSeconds(5));
                        assertThat(Messengers.send(messenger, 1)).isOne();
                        assertThat(cluster.guard(0).storeStatus().reachable()).isTrue();
                    });

            long reached = weChat.successfulCalls(APP_ID, SEND);
            assertThat(BootLine.healthStatus(cluster.context(0))).isEqualTo(QuotaHealth.UP);
            assertThat(remainingInRedis(redis.uri())).as("the calls counted before Redis came are taken from it")
                    .isEqualTo(200 - reached);
        }
    }

    @Test
    void redisDownAtStartUp_underFailClosed_startsWithHealthDownAndRefusesCalls() throws Exception {
        RedisServerProcess.requireBinary();
        try (RedisServerProcess redis = RedisServerProcess.notStarted()) {
            Map<String, Object> properties = redisAt(redis.uri());
            properties.put("wechat.quota.store.on-failure", "fail-closed");
            try (Cluster cluster = new Cluster(1, weChat, clock, properties, Map.of())) {
                assertThat(BootLine.healthStatus(cluster.context(0)))
                        .isEqualTo(QuotaHealth.DOWN);
                assertThatThrownBy(() -> cluster.messengers().get(0).send())
                        .isInstanceOf(QuotaStoreUnavailableException.class);
                assertThatThrownBy(() -> cluster.feignClient(0).send("{}"))
                        .isInstanceOf(QuotaStoreUnavailableException.class);
                assertThat(weChat.calls(SEND)).isEmpty();
            }
        }
    }

    @Test
    void redisDownAtStartUp_underFailOpen_startsAndLetsCallsThrough() throws Exception {
        RedisServerProcess.requireBinary();
        try (RedisServerProcess redis = RedisServerProcess.notStarted()) {
            Map<String, Object> properties = redisAt(redis.uri());
            properties.put("wechat.quota.store.on-failure", "fail-open");
            try (Cluster cluster = new Cluster(1, weChat, clock, properties, Map.of())) {
                assertThat(BootLine.healthStatus(cluster.context(0)))
                        .isEqualTo(QuotaHealth.STORE_DEGRADED);
                assertThat(Messengers.send(cluster.messengers().get(0), 3)).isEqualTo(3);
                assertThat(weChat.successfulCalls(APP_ID, SEND)).isEqualTo(3);
            }
        }
    }

    /** The bucket's remaining tokens as Redis holds them, read through a guard of its own on the same store. */
    private long remainingInRedis(String uri) {
        try (io.github.wechatquota.store.QuotaStore store = io.github.wechatquota.store.redis.RedisQuotaStore
                .builder(uri).keyPrefix(prefix).clock(clock).build()) {
            return store.bucket(prefix + ":" + APP_ID + ":" + SEND, io.github.bucket4j.BucketConfiguration.builder()
                    .addLimit(io.github.bucket4j.Bandwidth.builder().capacity(1).refillGreedy(1,
                            java.time.Duration.ofDays(1)).build()).build()).getAvailableTokens();
        }
    }

    @Test
    void deletedBucketKey_isRebuiltFromWeChatsCount_notAsAFreshDay() {
        ExternalServices.requireRedis();
        // Without leases, so that the very next call reaches the store and finds the key gone.
        Map<String, Object> properties = redisAt("redis://127.0.0.1:6379");
        properties.put("wechat.quota.store.lease.enabled", "false");
        try (Cluster cluster = new Cluster(1, weChat, clock, properties, Map.of())) {
            ClusterApplication.Messenger messenger = cluster.messengers().get(0);
            Messengers.send(messenger, 30);
            RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().del(prefix + ":" + APP_ID + ":" + SEND)).isEqualTo(1);
            } finally {
                client.shutdown();
            }

            Messengers.send(messenger, 1);

            assertThat(cluster.guard(0).snapshot(APP_ID, SEND).orElseThrow().remaining()).hasValue(200 - 30 - 1);
        }
    }

    @Test
    void deletedBucketKey_withLeases_isRebuiltFromWeChatsCount_andTheDayStillEndsAtItsLimit() {
        ExternalServices.requireRedis();
        try (Cluster cluster = new Cluster(1, weChat, clock, redisAt("redis://127.0.0.1:6379"), Map.of())) {
            ClusterApplication.Messenger messenger = cluster.messengers().get(0);
            Messengers.send(messenger, 30);
            RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().del(prefix + ":" + APP_ID + ":" + SEND)).isEqualTo(1);
            } finally {
                client.shutdown();
            }

            // A call may be served by the block this instance holds; the first exchange finds the key gone.
            int through = Messengers.send(messenger, 300);

            assertThat(through).isEqualTo(200 - 30);
            assertThat(weChat.calls(SEND)).hasSize(200).noneMatch(call -> call.errcode() == 45009);
        }
    }
}
