package io.github.wechatquota.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.spring.BootLine;
import io.github.wechatquota.store.QuotaStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The starter brings Bucket4j's Lettuce and PostgreSQL modules, but not Lettuce, Spring Data Redis or the PostgreSQL
 * driver: an application with none of those starts on the local store, with every part of the starter.
 */
class StoreLibrariesAbsentTests {

    /** Every store client and driver the starter knows of, absent. */
    private static final String[] STORE_LIBRARIES = {"io.lettuce.core", "org.springframework.data.redis",
            "org.redisson", "org.postgresql", "org.mariadb", "com.mysql"};

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WeChatQuotaAutoConfiguration.class,
                    WeChatQuotaActuatorAutoConfiguration.class, WeChatQuotaMetricsAutoConfiguration.class,
                    WeChatQuotaFeignAutoConfiguration.class))
            .withConfiguration(BootLine.actuatorAutoConfigurations())
            .withClassLoader(new FilteredClassLoader(STORE_LIBRARIES))
            .withPropertyValues("wechat.quota.apps.wx0123456789abcdef.secret=s3cret",
                    "wechat.quota.sync.on-startup=false", "wechat.quota.sync.interval=0");

    @Test
    void runWithoutRedisOrPostgresClassesShouldStartOnTheLocalStore() {
        contextRunner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(QuotaGuard.class);
            assertThat(context.getBean(QuotaStore.class).name()).isEqualTo("local");
        });
    }

    @Test
    void runWithTheBucket4jStoreModulesExcludedTooShouldStillStartOnTheLocalStore() {
        String[] withBucket4jModules = java.util.Arrays.copyOf(STORE_LIBRARIES, STORE_LIBRARIES.length + 2);
        withBucket4jModules[STORE_LIBRARIES.length] = "io.github.bucket4j.redis";
        withBucket4jModules[STORE_LIBRARIES.length + 1] = "io.github.bucket4j.postgresql";
        contextRunner.withClassLoader(new FilteredClassLoader(withBucket4jModules))
                .run(context -> assertThat(context.getBean(QuotaStore.class).name()).isEqualTo("local"));
    }
}
