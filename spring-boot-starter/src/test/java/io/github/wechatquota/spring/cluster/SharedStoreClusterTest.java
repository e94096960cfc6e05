package io.github.wechatquota.spring.cluster;

import static io.github.wechatquota.spring.cluster.ClusterApplication.APP_ID;
import static io.github.wechatquota.spring.cluster.ClusterApplication.QR_CODE;
import static io.github.wechatquota.spring.cluster.ClusterApplication.SEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.testing.ExternalServices;
import io.github.wechatquota.testing.MariaDbDatabase;
import io.github.wechatquota.testing.PostgresSchema;
import io.github.wechatquota.testing.TestDatabase;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Several instances of one service, each a whole application, sharing one WeChat account and one store: Redis through
 * Lettuce ({@code redis}) or through each instance's own RedissonClient ({@code redisson}), PostgreSQL ({@code jdbc})
 * or MariaDB ({@code mariadb}). They draw from one count, spend one clear per exhaustion, and keep to one monthly
 * budget.
 */
class SharedStoreClusterTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MutableClock clock = MutableClock.at(
            ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, CHINA).toInstant(), CHINA);
    private final String prefix = "wxq-cluster-" + UUID.randomUUID().toString().substring(0, 8);
    private WeChatSimulator weChat;
    private TestDatabase schema;
    private boolean redisson;
    private final List<RedissonClient> redissonClients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startWeChat() {
        weChat = WeChatSimulator.builder().clock(clock)
                .account(APP_ID, ClusterApplication.SECRET, AccountType.OFFICIAL_ACCOUNT).start();
    }

    @AfterEach
    void stopAll() {
        weChat.close();
        if (schema != null) {
            schema.close();
        }
        redissonClients.forEach(RedissonClient::shutdown);
        RedisCleanup.deleteKeys(prefix);
    }

    private Map<String, Object> store(String type) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("wechat.quota.store.type", type);
        properties.put("wechat.quota.store.key-prefix", prefix);
        properties.put("wechat.quota.safety-margin", "0");
        properties.put("wechat.quota.clear.enabled", "true");
        properties.put("wechat.quota.clear.max-per-month", "1");
        switch (type) {
            case "redis" -> {
                ExternalServices.requireRedis();
                properties.put("wechat.quota.store.redis.uri", "redis://127.0.0.1:6379");
            }
            case "redisson" -> {
                ExternalServices.requireRedis();
                redisson = true;
                properties.put("wechat.quota.store.type", "redis");
            }
            case "jdbc", "mariadb" -> {
                if (schema == null) {
                    schema = type.equals("jdbc") ? PostgresSchema.create() : MariaDbDatabase.create();
                }
                properties.put("wechat.quota.store.type", "jdbc");
                properties.put("wechat.quota.store.jdbc.create-tables", "true");
            }
            default -> throw new IllegalArgumentException(type);
        }
        return properties;
    }

    /**
     * The application's DataSource, for the jdbc store, the same one for every instance; or each instance's own
     * RedissonClient.
     */
    private Map<String, Object> beans() {
        if (redisson) {
            Supplier<RedissonClient> perInstance = () -> {
                Config config = new Config();
                config.useSingleServer().setAddress("redis://127.0.0.1:6379").setConnectionMinimumIdleSize(1)
                        .setConnectionPoolSize(8);
                RedissonClient client = Redisson.create(config);
                redissonClients.add(client);
                return client;
            };
            return Map.of("redissonClient", perInstance);
        }
        return schema == null ? Map.of() : Map.of("dataSource", schema.dataSource());
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "redisson", "jdbc", "mariadb"})
    void instancesHammeringOneApi_letExactlyTheLimitThrough(String store) throws Exception {
        weChat.setDailyLimit(APP_ID, SEND, 300);
        try (Cluster cluster = new Cluster(3, weChat, clock, store(store), beans())) {
            AtomicInteger rejected = new AtomicInteger();
            int attempts = run(cluster, 4, 40, messenger -> {
                try {
                    messenger.send();
                } catch (QuotaExhaustedException e) {
                    rejected.incrementAndGet();
                }
            });

            assertThat(weChat.successfulCalls(APP_ID, SEND)).isEqualTo(300);
            assertThat(weChat.calls(SEND)).noneMatch(call -> call.errcode() == 45009);
            assertThat(rejected.get()).isEqualTo(attempts - 300);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "redisson", "jdbc", "mariadb"})
    void exhaustionOnEveryInstanceAtOnce_spendsExactlyOneClear(String store) throws Exception {
        weChat.setDailyLimit(APP_ID, QR_CODE, 1);
        try (Cluster cluster = new Cluster(3, weChat, clock, store(store), beans())) {
            cluster.messengers().get(0).createQrCode();

            run(cluster, 3, 1, messenger -> {
                try {
                    messenger.createQrCode();
                } catch (QuotaExhaustedException expected) {
                    // the one token after the clear went to another caller
                }
            });

            assertThat(weChat.calls("/cgi-bin/clear_quota")).hasSize(1);
            for (int instance = 0; instance < 3; instance++) {
                assertThat(cluster.guard(instance).clearStatus(APP_ID).usedThisMonth()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "redisson", "jdbc", "mariadb"})
    void monthlyClearBudget_holdsAcrossInstancesAndRenewsWithTheMonth(String store) throws Exception {
        weChat.setDailyLimit(APP_ID, QR_CODE, 1);
        try (Cluster cluster = new Cluster(2, weChat, clock, store(store), beans())) {
            List<ClusterApplication.Messenger> messengers = cluster.messengers();
            messengers.get(0).createQrCode();
            messengers.get(0).createQrCode(); // the month's one clear
            clock.advance(Duration.ofMinutes(1));

            assertThatThrownBy(() -> messengers.get(1).createQrCode())
                    .isInstanceOf(QuotaExhaustedException.class)
                    .hasMessageContaining("budget exhausted");

            clock.set(ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, CHINA).toInstant());
            messengers.get(1).createQrCode(); // a new day
            clock.advance(Duration.ofMinutes(1));
            assertThat(messengers.get(1).createQrCode()).contains("\"errcode\":0");
            assertThat(weChat.calls("/cgi-bin/clear_quota")).hasSize(2);
        }
    }

    /** Runs {@code perThread} calls on {@code threads} threads of every instance at once; returns the calls made. */
    private static int run(Cluster cluster, int threads, int perThread,
            java.util.function.Consumer<ClusterApplication.Messenger> call) throws Exception {
        List<ClusterApplication.Messenger> messengers = cluster.messengers();
        ExecutorService pool = Executors.newFixedThreadPool(threads * messengers.size());
        try {
            List<Callable<Void>> callers = new ArrayList<>();
            for (ClusterApplication.Messenger messenger : messengers) {
                for (int t = 0; t < threads; t++) {
                    callers.add(() -> {
                        for (int i = 0; i < perThread; i++) {
                            call.accept(messenger);
                        }
                        return null;
                    });
                }
            }
            for (Future<Void> done : pool.invokeAll(callers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return threads * perThread * messengers.size();
    }
}
