package io.github.wechatquota.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaRule;
import io.github.wechatquota.testing.ExternalServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a platform application on one Redis: an authorized account appearing on either is one quota, shared,
 * however the calls for it are spread between them.
 */
class PlatformOnRedisTest {

    private static final String PLATFORM = "wxcomponent0000001";
    private static final String SEND = "/cgi-bin/message/custom/send";
    private static final int AUTHORIZERS = 200;
    private static final int LIMIT = 3;

    private final String prefix = "wxq-test-" + UUID.randomUUID();
    private RedisClient client;
    private QuotaGuard first;
    private QuotaGuard second;

    @BeforeEach
    void start() {
        ExternalServices.requireRedis();
        client = RedisClient.create(RedisURI.create(ExternalServices.REDIS_HOST, ExternalServices.REDIS_PORT));
        first = instance();
        second = instance();
    }

    @AfterEach
    void stop() {
        for (QuotaGuard guard : new QuotaGuard[] {first, second}) {
            if (guard != null) {
                guard.close();
            }
        }
        if (client != null) {
            try (StatefulRedisConnection<String, String> admin = client.connect()) {
                RedisKeys.deleteUnder(admin.sync(), prefix);
            }
            client.shutdown();
        }
    }

    @Test
    void eachAuthorizedAccountIsOneQuotaAcrossInstances() throws Exception {
        List<GuardedApi> sends = List.of(register(first), register(second));
        int permitted = 0;
        int refused = 0;
        for (int i = 0; i < AUTHORIZERS; i++) {
            for (int call = 0; call < LIMIT + 1; call++) {
                try {
                    QuotaGuard instance = call % 2 == 0 ? first : second;
                    instance.execute(sends.get(call % 2), authorizer(i), () -> "{\"errcode\":0}");
                    permitted++;
                } catch (QuotaExhaustedException expected) {
                    refused++;
                }
            }
        }

        assertThat(permitted).isEqualTo(AUTHORIZERS * LIMIT);
        assertThat(refused).isEqualTo(AUTHORIZERS);
        assertThat(second.snapshot(authorizer(AUTHORIZERS - 1), SEND).orElseThrow().remaining()).hasValue(0);
    }

    private GuardedApi register(QuotaGuard guard) {
        return guard.register(ApiDefinition.builder(SEND).policy(QuotaPolicy.REJECT).build());
    }

    private QuotaGuard instance() {
        return QuotaGuard.builder()
                .store(RedisQuotaStore.builder(client).keyPrefix(prefix).build())
                .app(AppSettings.builder(PLATFORM, AccountType.THIRD_PARTY_PLATFORM).secret("component-s3cret").build())
                .rule(QuotaRule.forPattern("/cgi-bin/message/**").platform(PLATFORM).dailyLimit(LIMIT).build())
                .accessTokenProvider(appId -> {
                    throw new IllegalStateException("no admin call is expected for " + appId);
                })
                .safetyMargin(0).syncInterval(Duration.ZERO).syncOnFirstUse(false)
                .build();
    }

    private static String authorizer(int i) {
        return String.format("wxauthorizer%06d", i);
    }
}
