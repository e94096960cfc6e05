package io.github.wechatquota.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import feign.Feign;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.StoreFailureMode;
import io.github.wechatquota.feign.AccessTokenInterceptor;
import io.github.wechatquota.feign.WeChatQuotaCapability;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.RecordedCall;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.redis.RedisQuotaStore;
import io.github.wechatquota.testing.ExternalServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: an instance killed for real while it holds a lease. The victim is an {@link AccuracyWorker}, a JVM process
 * of its own with the Redis store, calling the simulator over HTTP; it is killed with {@code SIGKILL} once its block
 * is recorded in the lease ledger, so it neither spends nor gives back what is left of it. The survivor is a guard in
 * this JVM on the same Redis prefix, calling the same simulator. The victim's clock starts half a minute before a fixed noon and
 * runs on by itself (a process of its own cannot share a hand-moved clock); the simulator's and the survivor's start
 * at noon and move only as the test says: over the dead record's lapse (70 s at most) without waiting
 * for it, and a second after each refusal, as the survivor's next request would come later.
 */
class KilledInstanceTest {

    private static final long LIMIT = 2_000;
    /**
     * How far the victim's clock starts behind the survivor's: it runs on while the survivor's waits for the test, and
     * must not pass it, or the victim's syncs would be recorded after the survivor's later ones.
     */
    private static final Duration VICTIM_BEHIND = Duration.ofSeconds(30);
    private static final String PREFIX = "wxq-test-kill-" + UUID.randomUUID().toString().substring(0, 8);

    /** The victim's log (its guard's), kept for a look when the test fails. */
    private final Path logs = Path.of("target", "killed-instance-test-logs");

    @AfterEach
    void deleteKeys() {
        RedisClient client = RedisClient.create(RedisStoreBenchmark.REDIS_URI);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCleanup.deleteKeys(connection.sync(), PREFIX);
        } catch (RuntimeException redisAbsent) {
            // the test was skipped: nothing was written
        } finally {
            client.shutdown();
        }
    }

    @Test
    void processKilledHoldingALease_nextSyncAfterItsRecordLapses_findsItsTokensAgainWithoutOvershoot()
            throws Exception {
        ExternalServices.requireRedis();
        Fixtures.simulatorWithoutNagle();
        Instant noon = AccuracyScenario.DAY.atTime(LocalTime.NOON).atZone(AccuracyScenario.CHINA).toInstant();
        MutableClock clock = MutableClock.at(noon, AccuracyScenario.CHINA);
        RedisClient client = RedisClient.create(RedisStoreBenchmark.REDIS_URI);
        try (StatefulRedisConnection<String, String> redis = client.connect();
                WeChatSimulator weChat = WeChatSimulator.builder().clock(clock)
                        .account(Fixtures.APP_ID, Fixtures.SECRET,
                                io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT)
                        .start();
                WorkerProcesses victim = new WorkerProcesses(System.getProperty("java.class.path"),
                        List.of(List.of(weChat.baseUri().toString(), PREFIX, "1", "from:" + noon.minus(VICTIM_BEHIND),
                                "0.01", "2")),
                        logs, PREFIX);
                QuotaStore store = RedisQuotaStore.builder(RedisStoreBenchmark.REDIS_URI).keyPrefix(PREFIX)
                        .clock(clock).commandTimeout(Fixtures.STORE_TIMEOUT).build();
                QuotaGuard survivor = QuotaGuard.builder()
                        .apiBaseUrl(weChat.baseUri())
                        .app(AppSettings.builder(Fixtures.APP_ID, AccountType.OFFICIAL_ACCOUNT)
                                .secret(Fixtures.SECRET).build())
                        .store(store)
                        .keyPrefix(PREFIX)
                        .clock(clock)
                        .onStoreFailure(StoreFailureMode.LOCAL_FALLBACK, 2)
                        .build()) {
            weChat.setDailyLimit(Fixtures.APP_ID, Fixtures.SEND, LIMIT);
            AccuracyMeasurement.Messenger messenger = Feign.builder()
                    .addCapability(new WeChatQuotaCapability(survivor))
                    .requestInterceptor(new AccessTokenInterceptor(survivor.accessTokens(), Fixtures.APP_ID))
                    .target(AccuracyMeasurement.Messenger.class, weChat.baseUri().toString());
            victim.awaitReady(Duration.ofSeconds(60));
            // The victim's start took a while: the survivor's own sync comes after its start-up one, not at its instant
            // (answers are told apart by when they were recorded).
            clock.advance(Duration.ofSeconds(1));
            survivor.syncNow().join();

            victim.go();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5))
                    .until(() -> reached(weChat) >= LIMIT / 4
                            && holdsABlock(LeaseRecords.read(redis.sync(), PREFIX), clock.instant()));
            victim.kill(0, Duration.ofSeconds(10));
            long reachedAtKill = reached(weChat);
            long beforeLapse = callUntilRefused(messenger, clock);
            long reachedBeforeLapse = reached(weChat);
            clock.advance(AccuracyRun.DEAD_LEASE_LAPSES.plusSeconds(5));
            survivor.syncNow().join();
            long afterLapse = callUntilRefused(messenger, clock);

            assertThat(reachedAtKill).as("the victim was killed part way through the day").isLessThan(LIMIT * 3 / 4);
            assertThat(afterLapse).as("calls the dead lease gave back, %d reached before", reachedBeforeLapse)
                    .isPositive();
            assertThat(beforeLapse).isPositive();
            assertThat(weChat.calls(Fixtures.SEND)).noneMatch(call -> call.errcode() == 45009);
            assertThat(reached(weChat)).isBetween((long) Math.ceil(LIMIT * 0.99), LIMIT);
        } finally {
            client.shutdown();
        }
    }

    /** Whether an instance records tokens in a block whose record has not lapsed. */
    private static boolean holdsABlock(List<LeaseRecords.LeaseRecord> records, Instant now) {
        return records.stream().anyMatch(record -> record.tokens() >= 10 && record.lapsesAt().isAfter(now));
    }

    private static long reached(WeChatSimulator weChat) {
        return weChat.calls(Fixtures.SEND).stream().filter(RecordedCall::succeeded).count();
    }

    /**
     * Calls until the guard has refused five times in a row, the clock a millisecond on after each call and a second
     * after each refusal (an empty bucket asks WeChat at most once a second); returns the calls let through.
     */
    private static long callUntilRefused(AccuracyMeasurement.Messenger messenger, MutableClock clock) {
        long ok = 0;
        int refusals = 0;
        while (refusals < 5) {
            try {
                messenger.send("{\"touser\":\"OPENID\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");
                clock.advance(Duration.ofMillis(1)); // a call takes time: two syncs never share one instant
                ok++;
                refusals = 0;
            } catch (QuotaExhaustedException e) {
                refusals++;
                clock.advance(Duration.ofMillis(1_100));
            }
        }
        return ok;
    }
}
