package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.jdbc.JdbcDialect;
import io.github.wechatquota.store.jdbc.JdbcQuotaStore;
import io.github.wechatquota.store.jdbc.UnsupportedDatabaseException;
import io.github.wechatquota.store.redis.RedisQuotaStore;
import io.github.wechatquota.store.redis.RedissonQuotaStore;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The store {@code wechat.quota.store.type} names. Each kind is its own configuration, so that Redis or JDBC classes
 * are only touched when chosen and present; {@link WeChatQuotaAutoConfiguration} explains a choice that cannot work.
 */
final class QuotaStoreConfigurations {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaStoreConfigurations.class);

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

    private static final String REDISSON_CLIENT = "org.redisson.api.RedissonClient";

    /**
     * What store type redis needs on the class path, for the message when it is missing: a Redis client (Bucket4j's
     * modules for both come with the starter).
     */
    static final String REDIS_NEEDS = "a Redis client: spring-boot-starter-data-redis (or io.lettuce:lettuce-core),"
            + " or redisson-spring-boot-starter (or org.redisson:redisson)";

    /**
     * Whether Lettuce and Bucket4j's Lettuce module are there, to the application's class loader; asked without
     * loading {@link Redis}.
     */
    private static boolean lettucePresent(BeanFactory beans) {
        ClassLoader loader = classLoader(beans);
        return ClassUtils.isPresent("io.lettuce.core.RedisClient", loader)
                && ClassUtils.isPresent("io.github.bucket4j.redis.lettuce.Bucket4jLettuce", loader);
    }

    /** Whether the application has a RedissonClient bean, asked without loading Redisson when it is absent. */
    private static boolean redissonClientPresent(BeanFactory beans) {
        ClassLoader loader = classLoader(beans);
        return ClassUtils.isPresent(REDISSON_CLIENT, loader) && beans instanceof ListableBeanFactory listable
                && listable.getBeanNamesForType(ClassUtils.resolveClassName(REDISSON_CLIENT, loader)).length > 0;
    }

    private static ClassLoader classLoader(BeanFactory beans) {
        return beans instanceof ConfigurableBeanFactory configurable && configurable.getBeanClassLoader() != null
                ? configurable.getBeanClassLoader() : QuotaStoreConfigurations.class.getClassLoader();
    }

    /** The settings every Redis store takes, whichever client it is on. */
    static QuotaStore redisStore(RedisQuotaStore.Builder builder, WeChatQuotaProperties properties,
            ObjectProvider<Clock> clock) {
        return builder.keyPrefix(properties.store().keyPrefix())
                .clock(clock(clock))
                .commandTimeout(properties.store().redis().commandTimeout())
                .build();
    }

    /**
     * Through the application's {@code RedissonClient} when it has one (and {@code store.redis.uri} is unset), else
     * through Lettuce as {@link Redis} would. Registered first: when it applies, {@link Redis} backs off.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "wechat.quota.store", name = "type", havingValue = "redis")
    @ConditionalOnClass(name = {REDISSON_CLIENT, "io.github.bucket4j.redis.redisson.Bucket4jRedisson"})
    static class RedisWithRedisson {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        QuotaStore wechatQuotaStore(WeChatQuotaProperties properties, ObjectProvider<Clock> clock,
                ObjectProvider<RedissonClient> redisson, BeanFactory beans) {
            boolean uriSet = StringUtils.hasText(properties.store().redis().uri());
            RedissonClient client = uriSet ? null : redisson.getIfUnique();
            if (client != null) {
                LOG.info("wechat-quota: store redis through the application's RedissonClient");
                return redisStore(RedissonQuotaStore.builder(client), properties, clock);
            }
            if (!lettucePresent(beans)) {
                throw new WeChatQuotaConfigurationException("wechat.quota.store.type",
                        "store type redis found Redisson but no RedissonClient bean (or several), and no Lettuce",
                        "Define one RedissonClient bean (redisson-spring-boot-starter does, from spring.data.redis or"
                                + " spring.redis.redisson), or add " + REDIS_NEEDS + ".", null);
            }
            return Redis.lettuceStore(properties, clock, beans);
        }
    }

    /** Through Lettuce, when Redisson is not there: see {@link #lettuceStore}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "wechat.quota.store", name = "type", havingValue = "redis")
    @ConditionalOnClass(name = {"io.lettuce.core.RedisClient", "io.github.bucket4j.redis.lettuce.Bucket4jLettuce"})
    static class Redis {

        private static final String LOCAL_REDIS = "redis://127.0.0.1:6379";
        private static final String SPRING_DATA_LETTUCE =
                "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        QuotaStore wechatQuotaStore(WeChatQuotaProperties properties, ObjectProvider<Clock> clock, BeanFactory beans) {
            return lettuceStore(properties, clock, beans);
        }

        /**
         * On {@code store.redis.uri} when set; else on the application's Lettuce client (a {@code RedisClient} or
         * {@code RedisClusterClient} bean, or Spring Data Redis' Lettuce connection factory); else on the local Redis.
         */
        static QuotaStore lettuceStore(WeChatQuotaProperties properties, ObjectProvider<Clock> clock,
                BeanFactory beans) {
            WeChatQuotaProperties.Redis redis = properties.store().redis();
            boolean uriSet = StringUtils.hasText(redis.uri());
            AbstractRedisClient existing = uriSet ? null : existingClient(beans);
            RedisQuotaStore.Builder builder;
            if (existing instanceof RedisClusterClient cluster) {
                LOG.info("wechat-quota: store redis through the application's Lettuce RedisClusterClient");
                builder = RedisQuotaStore.builder(cluster);
            } else if (existing instanceof RedisClient client) {
                LOG.info("wechat-quota: store redis through the application's Lettuce RedisClient");
                builder = RedisQuotaStore.builder(client);
            } else {
                if (!uriSet && redissonClientPresent(beans)) {
                    // Not a pool of its own beside the application's Redisson, perhaps on another Redis.
                    throw new WeChatQuotaConfigurationException("wechat.quota.store.type", "store type redis found"
                            + " the application's RedissonClient but not com.bucket4j:bucket4j_jdk17-redisson, and no"
                            + " Lettuce client of the application's to use instead",
                            "Add com.bucket4j:bucket4j_jdk17-redisson, or set wechat.quota.store.redis.uri to give the"
                                    + " store a Lettuce client of its own.", null);
                }
                LOG.info("wechat-quota: store redis through a Lettuce client of its own on {}",
                        uriSet ? "wechat.quota.store.redis.uri" : LOCAL_REDIS);
                builder = RedisQuotaStore.builder(uriSet ? redis.uri() : LOCAL_REDIS);
            }
            return redisStore(builder, properties, clock);
        }

        private static AbstractRedisClient existingClient(BeanFactory beans) {
            RedisClusterClient cluster = beans.getBeanProvider(RedisClusterClient.class).getIfUnique();
            if (cluster != null) {
                return cluster;
            }
            RedisClient client = beans.getBeanProvider(RedisClient.class).getIfUnique();
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
            } catch (UnsupportedDatabaseException unknownDatabase) {
                throw new WeChatQuotaConfigurationException("wechat.quota.store.jdbc.dialect",
                        unknownDatabase.getMessage(), "Point the DataSource at PostgreSQL, MySQL or MariaDB, or choose"
                                + " wechat.quota.store.type=redis or local.", unknownDatabase);
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
