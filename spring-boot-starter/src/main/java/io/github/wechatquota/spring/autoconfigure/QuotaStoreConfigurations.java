package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.jdbc.JdbcDialect;
import io.github.wechatquota.store.jdbc.JdbcQuotaStore;
import io.github.wechatquota.store.redis.RedisQuotaStore;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The store {@code wechat.quota.store.type} names. Each kind is its own configuration, so that Redis or JDBC classes
 * are only touched when chosen and present; {@link WeChatQuotaAutoConfiguration} explains a choice that cannot work.
 */
final class QuotaStoreConfigurations {

    private QuotaStoreConfigurations() {
    }

    /** The application's {@link Clock} when it has exactly one (tests move it across midnight), else the system's. */
    static Clock clock(ObjectProvider<Clock> clock) {
        Clock chosen = clock.getIfUnique();
        return chosen != null ? chosen : Clock.systemUTC();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "wechat.quota.store", name = "type", havingValue = "local", matchIfMissing = true)
    static class Local {

        @Bean
        @ConditionalOnMissingBean
        QuotaStore wechatQuotaStore(WeChatQuotaProperties properties, ObjectProvider<Clock> clock) {
            return LocalQuotaStore.create(clock(clock), properties.store().maxKeys());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "wechat.quota.store", name = "type", havingValue = "redis")
    @ConditionalOnClass(name = {"io.lettuce.core.RedisClient", "io.github.bucket4j.redis.lettuce.Bucket4jLettuce"})
    static class Redis {

        private static final String LOCAL_REDIS = "redis://127.0.0.1:6379";
        private static final String SPRING_DATA_LETTUCE =
                "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

        /**
         * On {@code store.redis.uri} when set; else on the application's Lettuce client (a {@code RedisClient} or
         * {@code RedisClusterClient} bean, or Spring Data Redis' Lettuce connection factory); else on the local Redis.
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        QuotaStore wechatQuotaStore(WeChatQuotaProperties properties, ObjectProvider<Clock> clock,
                ObjectProvider<RedisClient> clients, ObjectProvider<RedisClusterClient> clusterClients,
                org.springframework.beans.factory.BeanFactory beans) {
            WeChatQuotaProperties.Redis redis = properties.store().redis();
            RedisQuotaStore.Builder builder;
            boolean uriSet = org.springframework.util.StringUtils.hasText(redis.uri());
            AbstractRedisClient existing = uriSet ? null : existingClient(clients, clusterClients, beans);
            if (existing instanceof RedisClusterClient cluster) {
                builder = RedisQuotaStore.builder(cluster);
            } else if (existing instanceof RedisClient client) {
                builder = RedisQuotaStore.builder(client);
            } else {
                builder = RedisQuotaStore.builder(uriSet ? redis.uri() : LOCAL_REDIS);
            }
            return builder.keyPrefix(properties.store().keyPrefix())
                    .clock(clock(clock))
                    .commandTimeout(redis.commandTimeout())
                    .build();
        }

        private static AbstractRedisClient existingClient(ObjectProvider<RedisClient> clients,
                ObjectProvider<RedisClusterClient> clusterClients, org.springframework.beans.factory.BeanFactory beans) {
            RedisClusterClient cluster = clusterClients.getIfUnique();
            if (cluster != null) {
                return cluster;
            }
            RedisClient client = clients.getIfUnique();
            if (client != null) {
                return client;
            }
            if (ClassUtils.isPresent(SPRING_DATA_LETTUCE, Redis.class.getClassLoader())) {
                return SpringDataRedisClient.nativeClient(beans);
            }
            return null;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "wechat.quota.store", name = "type", havingValue = "jdbc")
    static class Jdbc {

        /**
         * On the application's one {@code DataSource}, in the dialect configured or else the one its driver reports.
         * A database down at start-up does not stop the application: the store settles on the first operation that
         * reaches it.
         */
        @Bean
        @ConditionalOnMissingBean
        QuotaStore wechatQuotaStore(WeChatQuotaProperties properties, ObjectProvider<Clock> clock,
                ObjectProvider<DataSource> dataSource, Environment environment) {
            WeChatQuotaProperties.Jdbc jdbc = properties.store().jdbc();
            DataSource source = dataSource.getIfUnique();
            if (source == null) {
                throw new WeChatQuotaConfigurationException("wechat.quota.store.type",
                        "store type jdbc needs the application's DataSource, and there is none (or several)",
                        "Add org.springframework.boot:spring-boot-starter-jdbc and " + drivers(jdbc, environment)
                                + ", and configure spring.datasource; or define one DataSource bean; or choose"
                                + " wechat.quota.store.type=local or redis.", null);
            }
            JdbcQuotaStore.Builder builder = JdbcQuotaStore.builder(source)
                    .tablePrefix(jdbc.tablePrefix())
                    .createTables(jdbc.createTables())
                    .keyPrefix(properties.store().keyPrefix())
                    .queryTimeout(jdbc.queryTimeout())
                    .clock(clock(clock));
            if (jdbc.dialect() != null) {
                builder.dialect(jdbc.dialect());
            }
            try {
                return builder.build();
            } catch (IllegalStateException missingTables) {
                throw new WeChatQuotaConfigurationException("wechat.quota.store.jdbc", missingTables.getMessage(),
                        "Run the DDL above, or set wechat.quota.store.jdbc.create-tables=true.", missingTables);
            }
        }

        /**
         * The driver to add: the configured dialect's, else the one {@code spring.datasource.url} names, else each
         * database's.
         */
        static String drivers(WeChatQuotaProperties.Jdbc jdbc, Environment environment) {
            if (jdbc.dialect() != null) {
                return "the " + jdbc.dialect() + " driver " + jdbc.dialect().driver();
            }
            String url = environment.getProperty("spring.datasource.url", "");
            for (JdbcDialect dialect : JdbcDialect.values()) {
                if (url.startsWith("jdbc:" + dialect + ":")) {
                    return "the " + dialect + " driver " + dialect.driver();
                }
            }
            return "your database's driver (" + Arrays.stream(JdbcDialect.values())
                    .map(dialect -> dialect.driver() + " for " + dialect)
                    .collect(Collectors.joining(", ")) + ")";
        }
    }
}
