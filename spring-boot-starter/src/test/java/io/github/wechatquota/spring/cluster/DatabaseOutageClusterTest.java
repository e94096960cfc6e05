package io.github.wechatquota.spring.cluster;

import static io.github.wechatquota.spring.cluster.ClusterApplication.APP_ID;
import static io.github.wechatquota.spring.cluster.ClusterApplication.SEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaStoreUnavailableException;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.spring.BootLine;
import io.github.wechatquota.spring.actuate.QuotaHealth;
import io.github.wechatquota.testing.MariaDbDatabase;
import io.github.wechatquota.testing.PostgresSchema;
import io.github.wechatquota.testing.TcpForwarder;
import io.github.wechatquota.testing.TestDatabase;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application starts while its database (PostgreSQL, MariaDB) cannot be reached (a port that refuses
 * connections), and the real database appears at that address later: on-failure holds from the first second.
 */
class DatabaseOutageClusterTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MutableClock clock = MutableClock.at(
            ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, CHINA).toInstant(), CHINA);
    private WeChatSimulator weChat;
    private TestDatabase database;
    private TcpForwarder forwarder;

    private void start(String kind) throws Exception {
        database = kind.equals("postgresql") ? PostgresSchema.create() : MariaDbDatabase.create();
        forwarder = TcpForwarder.closedTo(database.port());
    }

    @BeforeEach
    void startWeChat() {
        weChat = WeChatSimulator.builder().clock(clock)
                .account(APP_ID, ClusterApplication.SECRET, AccountType.OFFICIAL_ACCOUNT).start();
        weChat.setDailyLimit(APP_ID, SEND, 200);
    }

    @AfterEach
    void stop() throws Exception {
        weChat.close();
        if (forwarder != null) {
            forwarder.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private Map<String, Object> jdbc(String onFailure) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("wechat.quota.store.type", "jdbc");
        properties.put("wechat.quota.store.jdbc.create-tables", "true");
        properties.put("wechat.quota.store.jdbc.dialect", database instanceof PostgresSchema ? "postgresql" : "mariadb");
        properties.put("wechat.quota.store.on-failure", onFailure);
        properties.put("wechat.quota.store.expected-instances", "2");
        properties.put("wechat.quota.safety-margin", "0");
        return properties;
    }

    /** The database's data source, through the forwarder's port. */
    private Map<String, Object> dataSource() {
        return Map.of("dataSource", database.throughPort(forwarder.port()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void databaseDownAtStartUp_underLocalFallback_startsDegradedAndServes_thenJoinsItWhenItAppears(String kind)
            throws Exception {
        start(kind);
        try (Cluster cluster = new Cluster(1, weChat, clock, jdbc("local-fallback"), dataSource())) {
            assertThat(BootLine.healthStatus(cluster.context(0)))
                    .isEqualTo(QuotaHealth.STORE_DEGRADED);
            ClusterApplication.Messenger messenger = cluster.messengers().get(0);
            assertThat(Messengers.send(messenger, 10)).isEqualTo(10);
            assertThat(cluster.feignClient(0).send("{}")).contains("\"errcode\":0");

            forwarder.open();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        clock.advance(Duration.ofSeconds(5));
                        assertThat(Messengers.send(messenger, 1)).isOne();
                        assertThat(cluster.guard(0).storeStatus().reachable()).isTrue();
                    });

            long reached = weChat.successfulCalls(APP_ID, SEND);
            assertThat(BootLine.healthStatus(cluster.context(0))).isEqualTo(QuotaHealth.UP);
            assertThat(database.tableCount()).as("tables created once the database answered").isPositive();
            assertThat(cluster.guard(0).snapshot(APP_ID, SEND).orElseThrow().remaining().orElseThrow())
                    .as("the calls counted before the database came are taken from its count").isEqualTo(200 - reached);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void databaseDownAtStartUp_underFailClosed_startsWithHealthDownAndRefusesCalls(String kind) throws Exception {
        start(kind);
        try (Cluster cluster = new Cluster(1, weChat, clock, jdbc("fail-closed"), dataSource())) {
            assertThat(BootLine.healthStatus(cluster.context(0))).isEqualTo(QuotaHealth.DOWN);
            assertThatThrownBy(() -> cluster.messengers().get(0).send())
                    .isInstanceOf(QuotaStoreUnavailableException.class);
            assertThat(weChat.calls(SEND)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void databaseDownAtStartUp_underFailOpen_startsAndLetsCallsThrough(String kind) throws Exception {
        start(kind);
        try (Cluster cluster = new Cluster(1, weChat, clock, jdbc("fail-open"), dataSource())) {
            assertThat(BootLine.healthStatus(cluster.context(0)))
                    .isEqualTo(QuotaHealth.STORE_DEGRADED);
            assertThat(Messengers.send(cluster.messengers().get(0), 3)).isEqualTo(3);
        }
    }
}
