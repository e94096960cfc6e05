package io.github.wechatquota.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.testing.ExternalServices;
import io.github.wechatquota.testing.MariaDbDatabase;
import io.github.wechatquota.testing.PostgresSchema;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Which store {@code wechat.quota.store.type} gives, and what it says when it cannot. */
@ExtendWith(OutputCaptureExtension.class)
class QuotaStoreAutoConfigurationTests {

    private static RedissonClient redisson() {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:6379").setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(4);
        return Redisson.create(config);
    }

    private final String prefix = "wxq-test-" + UUID.randomUUID();
    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WeChatQuotaAutoConfiguration.class))
            .withPropertyValues("wechat.quota.apps.wx0123456789abcdef.secret=s3cret",
                    "wechat.quota.sync.on-startup=false", "wechat.quota.sync.interval=0",
                    "wechat.quota.store.key-prefix=" + prefix);

    @Test
    void runWithoutStoreTypeShouldUseTheLocalStore() {
        contextRunner.run(context -> assertThat(context.getBean(QuotaStore.class).name()).isEqualTo("local"));
    }

    @Test
    void runWithRedisStoreShouldShareStateThroughRedis() {
        ExternalServices.requireRedis();
        contextRunner.withPropertyValues("wechat.quota.store.type=redis",
                "wechat.quota.store.redis.uri=redis://127.0.0.1:6379")
                .run(context -> {
                    QuotaStore store = context.getBean(QuotaStore.class);
                    assertThat(store.name()).isEqualTo("redis");
                    assertThat(store.shared()).isTrue();
                    assertThat(context.getBean(QuotaGuard.class).storeStatus().name()).isEqualTo("redis");
                });
    }

    @Test
    void runWithRedisStoreUsesTheApplicationsLettuceClient() {
        ExternalServices.requireRedis();
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create("redis://127.0.0.1:6379");
        try {
            contextRunner.withPropertyValues("wechat.quota.store.type=redis")
                    .withBean(io.lettuce.core.RedisClient.class, () -> client)
                    .run(context -> {
                        QuotaStore store = context.getBean(QuotaStore.class);
                        assertThat(store.clears().tryReserve("wxtest", java.time.YearMonth.of(2026, 11), 1)).isTrue();
                    });
        } finally {
            // The context shut its client down with it; clean up through one of our own.
            io.lettuce.core.RedisClient cleaner = io.lettuce.core.RedisClient.create("redis://127.0.0.1:6379");
            try (var connection = cleaner.connect()) {
                java.util.List<String> made = connection.sync().keys(prefix + "*");
                if (!made.isEmpty()) {
                    connection.sync().del(made.toArray(new String[0]));
                }
            } finally {
                cleaner.shutdown();
            }
        }
    }

    @Test
    void runWithRedisStoreUsesTheApplicationsRedissonClient_withoutLettuce_andSaysSo(CapturedOutput output) {
        ExternalServices.requireRedis();
        RedissonClient redisson = redisson();
        try {
            contextRunner.withPropertyValues("wechat.quota.store.type=redis")
                    .withClassLoader(new FilteredClassLoader("io.lettuce.core"))
                    .withBean(RedissonClient.class, () -> redisson)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        QuotaStore store = context.getBean(QuotaStore.class);
                        assertThat(store.name()).isEqualTo("redis");
                        assertThat(store.clears().tryReserve("wxtest", java.time.YearMonth.of(2026, 11), 1)).isTrue();
                        assertThat(redisson.getKeys().countExists(prefix + ":clears:wxtest:2026-11")).isOne();
                    });
            assertThat(output).containsOnlyOnce("wechat-quota: store redis through the application's RedissonClient");
            assertThat(redisson.isShutdown()).isFalse();
        } finally {
            redisson.getKeys().deleteByPattern(prefix + ":*");
            redisson.shutdown();
        }
    }

    @Test
    void runWithRedisStoreAndRedissonButNoClientOrLettuceShouldFailNamingBoth() {
        contextRunner.withPropertyValues("wechat.quota.store.type=redis")
                .withClassLoader(new FilteredClassLoader("io.lettuce.core"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("found Redisson but no RedissonClient bean")
                            .hasMessageContaining("Define one RedissonClient bean");
                });
    }

    @Test
    void runWithRedisStoreAndARedissonClientButNotBucket4jsRedissonModuleShouldFailRatherThanOpenASecondPool() {
        RedissonClient redisson = (RedissonClient) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RedissonClient.class}, (proxy, method, args) -> null);
        contextRunner.withPropertyValues("wechat.quota.store.type=redis")
                .withClassLoader(new FilteredClassLoader("io.github.bucket4j.redis.redisson"))
                .withBean(RedissonClient.class, () -> redisson)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("found the application's RedissonClient but not"
                                    + " com.bucket4j:bucket4j_jdk17-redisson")
                            .hasMessageContaining("Add com.bucket4j:bucket4j_jdk17-redisson");
                });
    }

    @Test
    void runWithRedisStoreWithoutLettuceOrRedissonShouldFailNamingTheDependencies() {
        contextRunner.withPropertyValues("wechat.quota.store.type=redis")
                .withClassLoader(new FilteredClassLoader("io.lettuce.core", "org.redisson"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(
                            WeChatQuotaConfigurationException.class)
                            .rootCause().hasMessageContaining("spring-boot-starter-data-redis (or "
                                    + "io.lettuce:lettuce-core)")
                            .hasMessageContaining("redisson-spring-boot-starter");
                });
    }

    @Test
    void runWithJdbcStoreWithoutDataSourceShouldFailWithTheFix() {
        contextRunner.withPropertyValues("wechat.quota.store.type=jdbc").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("needs the application's DataSource");
        });
    }

    @Test
    void runWithJdbcStoreWithoutDataSourceShouldNameTheDriverOfTheConfiguredUrl() {
        contextRunner.withPropertyValues("wechat.quota.store.type=jdbc",
                "spring.datasource.url=jdbc:mariadb://db.internal:3306/app").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("Add org.springframework.boot:spring-boot-starter-jdbc and the"
                                    + " mariadb driver org.mariadb.jdbc:mariadb-java-client");
                });
    }

    @Test
    void runWithJdbcStoreWithoutDataSourceOrUrlShouldNameEachDatabasesDriver() {
        contextRunner.withPropertyValues("wechat.quota.store.type=jdbc").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("org.postgresql:postgresql for postgresql")
                    .hasMessageContaining("com.mysql:mysql-connector-j for mysql")
                    .hasMessageContaining("org.mariadb.jdbc:mariadb-java-client for mariadb");
        });
    }

    @Test
    void runWithJdbcStoreOnMariaDbShouldDetectItAndKeepTheBucketsInItsTables() {
        try (MariaDbDatabase database = MariaDbDatabase.create()) {
            contextRunner.withPropertyValues("wechat.quota.store.type=jdbc", "wechat.quota.store.jdbc.create-tables=true")
                    .withBean(DataSource.class, database::dataSource)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        QuotaStore store = context.getBean(QuotaStore.class);
                        assertThat(store.name()).isEqualTo("jdbc");
                        store.syncs().tryClaim(prefix + ":k", java.time.Duration.ofMinutes(1));
                        assertThat(database.count("SELECT count(*) FROM wxq_sync WHERE `key` = ?", prefix + ":k"))
                                .isOne();
                    });
        }
    }

    @Test
    void runWithJdbcStoreOnMariaDbAndMissingTablesShouldFailShowingItsDdl() {
        try (MariaDbDatabase database = MariaDbDatabase.create()) {
            contextRunner.withPropertyValues("wechat.quota.store.type=jdbc", "wechat.quota.store.jdbc.dialect=mariadb")
                    .withBean(DataSource.class, database::dataSource)
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).rootCause()
                                .hasMessageContaining("Create the tables with (mariadb)")
                                .hasMessageContaining("COLLATE=utf8mb4_bin")
                                .hasMessageContaining("wechat.quota.store.jdbc.create-tables=true");
                    });
        }
    }

    @Test
    void runWithJdbcStoreAndMissingTablesShouldFailShowingTheDdl() {
        ExternalServices.requirePostgres();
        try (PostgresSchema schema = PostgresSchema.create()) {
            contextRunner.withPropertyValues("wechat.quota.store.type=jdbc")
                    .withBean(DataSource.class, schema::dataSource)
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).rootCause()
                                .hasMessageContaining("CREATE TABLE")
                                .hasMessageContaining("wechat.quota.store.jdbc.create-tables=true");
                    });
        }
    }

    @Test
    void runWithJdbcStoreCreatingTablesShouldStart() {
        ExternalServices.requirePostgres();
        try (PostgresSchema schema = PostgresSchema.create()) {
            contextRunner.withPropertyValues("wechat.quota.store.type=jdbc", "wechat.quota.store.jdbc.create-tables=true")
                    .withBean(DataSource.class, schema::dataSource)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(QuotaStore.class).name()).isEqualTo("jdbc");
                    });
        }
    }
}
