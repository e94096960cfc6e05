package io.github.wechatquota.store.redis;

import io.github.wechatquota.testing.RedisServerProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.wechatquota.store.ClearLedger;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncRecord;
import io.github.wechatquota.testing.ExternalServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the Redis store does beyond the contract: its keys, their expiry, its timeouts, and what becomes of handles when
 * Redis goes away and comes back. Tests that stop, pause or reconfigure Redis use a {@code redis-server} of their own.
 */
class RedisQuotaStoreTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final Duration BOUND = Duration.ofSeconds(5);

    /** JUnit makes an instance per test: each test has a prefix of its own. */
    private final String prefix = "wxq-test-" + UUID.randomUUID();
    private final List<QuotaStore> stores = new ArrayList<>();

    @AfterEach
    void closeStores() {
        stores.forEach(QuotaStore::close);
    }

    private QuotaStore opened(QuotaStore store) {
        stores.add(store);
        return store;
    }

    private static BucketConfiguration daily(long capacity) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, Duration.ofDays(1))
                        .initialTokens(capacity).build())
                .build();
    }

    /** As the engine configures a daily bucket: refilled at midnight in Shanghai. */
    private static BucketConfiguration dailyUntilMidnight(long capacity, Instant nextMidnight) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity)
                        .refillIntervallyAligned(capacity, Duration.ofDays(1), nextMidnight)
                        .initialTokens(capacity).build())
                .build();
    }

    private static BucketConfiguration perMinute(long capacity) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, Duration.ofMinutes(1))
                        .initialTokens(capacity).build())
                .build();
    }

    /** Runs {@code threads} workers at once, each with its index; waits for all, failing on any failure. */
    private static void concurrently(int threads, Consumer<Integer> worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                workers.add(() -> {
                    start.await();
                    worker.accept(index);
                    return null;
                });
            }
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> callable : workers) {
                done.add(pool.submit(callable));
            }
            start.countDown();
            for (Future<Void> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- building ---------------------------------------------------------------------------------------------

    @Test
    void build_withoutKeyPrefix_isRefused() {
        assertThatThrownBy(() -> RedisQuotaStore.builder("redis://127.0.0.1:6379").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("keyPrefix is required: every key the Redis store writes starts with it");
    }

    @Test
    void keyPrefix_withWhitespace_isRefused() {
        assertThatThrownBy(() -> RedisQuotaStore.builder("redis://127.0.0.1:6379").keyPrefix("wx q"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyPrefix must be non-empty without whitespace, was 'wx q'");
    }

    @Test
    void commandTimeout_notPositive_isRefused() {
        assertThatThrownBy(() -> RedisQuotaStore.builder("redis://127.0.0.1:6379").commandTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commandTimeout must be positive, was PT0S");
    }

    @Test
    void builder_unreadableUri_isRefusedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> RedisQuotaStore.builder("redis://admin:s3cret@red is:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a Redis URI (redis://, rediss://, redis-sentinel://, redis-socket://): "
                        + "'redis://***@red is:6379'")
                .hasNoCause();
    }

    @Test
    void unreachableRedis_failsAtOnceNamingTheAddress() throws Exception {
        int port = RedisServerProcess.freePort(); // nothing listens there
        QuotaStore store = assertTimeoutPreemptively(BOUND, () -> opened(RedisQuotaStore
                .builder("redis://127.0.0.1:" + port).keyPrefix(prefix).build()));

        assertTimeoutPreemptively(BOUND, () -> {
            assertThatThrownBy(() -> store.bucket(prefix + ":wx1:/cgi-bin/menu/create", daily(10)))
                    .isInstanceOf(RedisConnectionException.class)
                    .hasMessageContaining("127.0.0.1")
                    .hasMessageContaining(Integer.toString(port));
            assertThatThrownBy(() -> store.clears().used("wx1", NOVEMBER))
                    .isInstanceOf(RedisConnectionException.class);
            assertThatThrownBy(() -> store.syncs().last(prefix + ":wx1:/cgi-bin/menu/create"))
                    .isInstanceOf(RedisConnectionException.class);
        });
    }

    // ---- on the shared Redis ----------------------------------------------------------------------------------

    @Nested
    class OnTheSharedRedis {

        private RedisClient client;
        private StatefulRedisConnection<String, String> admin;

        @BeforeEach
        void connect() {
            ExternalServices.requireRedis();
            client = RedisClient.create(RedisURI.create(ExternalServices.REDIS_HOST, ExternalServices.REDIS_PORT));
            admin = client.connect();
        }

        @AfterEach
        void deleteThisTestsKeys() {
            if (client == null) {
                return;
            }
            closeStores();
            stores.clear();
            RedisKeys.deleteUnder(admin.sync(), prefix);
            admin.close();
            client.shutdown();
        }

        /** A store whose commands may wait long: sixteen threads racing on one key through compare-and-swap retry a lot. */
        private QuotaStore store(Clock clock, boolean batching) {
            return opened(RedisQuotaStore.builder(client).keyPrefix(prefix).clock(clock).batching(batching)
                    .commandTimeout(Duration.ofSeconds(10)).build());
        }

        private QuotaStore store() {
            return store(Clock.systemUTC(), true);
        }

        @Test
        void name_isRedis_andTheStoreIsShared() {
            QuotaStore store = store();

            assertThat(store.name()).isEqualTo("redis");
            assertThat(store.shared()).isTrue();
        }

        @Test
        void everyKey_carriesThePrefix_andExpires() throws Exception {
            Clock clock = Clock.fixed(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, SHANGHAI).toInstant(), SHANGHAI);
            QuotaStore store = store(clock, true);
            String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            String quota = prefix + ":" + appId + ":/cgi-bin/menu/create";
            store.bucket(quota, daily(10)).tryConsume(1);
            store.bucket(quota + ":minute", perMinute(60)).tryConsume(1);
            store.clears().tryReserve(appId, NOVEMBER, 3);
            store.clears().markExhausted(appId, NOVEMBER.plusMonths(1));
            store.clears().recordCleared(appId, 1_000);
            AutoCloseable lock = store.clears().lock(appId, Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
            store.syncs().record(quota, SyncRecord.builder(clock.instant()).dailyLimit(1000).used(1).remain(999).build());
            store.syncs().tryClaim(quota, Duration.ofMinutes(10));

            RedisCommands<String, String> redis = admin.sync();
            assertThat(RedisKeys.containing(redis, appId))
                    .containsExactlyInAnyOrder(
                            quota,
                            quota + ":minute",
                            prefix + ":clears:" + appId + ":2026-11",
                            prefix + ":clears:" + appId + ":2026-12",
                            prefix + ":cleared-at:" + appId,
                            prefix + ":clear-lock:" + appId,
                            prefix + ":sync:" + appId + ":/cgi-bin/menu/create",
                            prefix + ":claim:" + appId + ":/cgi-bin/menu/create")
                    .allSatisfy(key -> assertThat(redis.pttl(key)).as("expiry of %s", key).isPositive());
            lock.close();
        }

        @Test
        void bucket_keyWithoutThePrefix_isPutUnderIt() {
            store().bucket("wx1:/cgi-bin/menu/create", daily(10)).tryConsume(1);

            assertThat(admin.sync().exists(prefix + ":wx1:/cgi-bin/menu/create")).isEqualTo(1);
        }

        @Test
        void bucket_dailyKey_livesUntilAnHourAfterTheNextMidnight() {
            // Expiry is written from the store's clock: a fixed 10:00 in China leaves 14 hours to midnight, any day.
            Clock clock = Clock.fixed(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, SHANGHAI).toInstant(), SHANGHAI);
            Instant nextMidnight = LocalDate.now(clock).plusDays(1).atStartOfDay(SHANGHAI).toInstant();
            QuotaStore store = store(clock, true);
            String used = prefix + ":wx1:/cgi-bin/menu/create";
            String untouched = prefix + ":wx1:/cgi-bin/menu/get";

            store.bucket(used, dailyUntilMidnight(10, nextMidnight)).tryConsume(1);
            long expected = Duration.between(clock.instant(), nextMidnight).plusHours(1).toMillis();
            store.bucket(untouched, dailyUntilMidnight(10, nextMidnight));

            assertThat(expected).isEqualTo(Duration.ofHours(15).toMillis());
            assertThat(admin.sync().pttl(used)).isBetween(expected - 60_000, expected + 1_000);
            // A full bucket is its configuration: nothing to keep past the hour.
            assertThat(admin.sync().pttl(untouched)).isBetween(Duration.ofMinutes(59).toMillis(),
                    Duration.ofHours(1).toMillis());
        }

        @Test
        void bucket_instancesCreatingItAtOnce_keepOneState() throws Exception {
            List<QuotaStore> instances = List.of(store(), store(), store(), store());
            for (int round = 0; round < 10; round++) {
                String key = prefix + ":wx1:/race/" + round;
                concurrently(8, index -> assertThat(instances.get(index % 4).bucket(key, daily(100)).tryConsume(1))
                        .isTrue());

                assertThat(instances.get(0).bucket(key, daily(100)).getAvailableTokens()).as(key).isEqualTo(92);
            }
        }

        @ParameterizedTest(name = "batching {0}")
        @ValueSource(booleans = {true, false})
        void bucket_sixteenThreadsOnOneHandle_takeExactlyTheCapacity(boolean batching) throws Exception {
            Bucket bucket = store(Clock.systemUTC(), batching).bucket(prefix + ":wx1:/hot", daily(300));
            AtomicInteger taken = new AtomicInteger();

            concurrently(16, index -> {
                for (int n = 0; n < 40; n++) {
                    if (bucket.tryConsume(1)) {
                        taken.incrementAndGet();
                    }
                }
            });

            assertThat(taken.get()).isEqualTo(300);
            assertThat(bucket.getAvailableTokens()).isZero();
        }

        @Test
        void syncs_recordUnderABucketsKey_leavesTheBucketAlone() {
            QuotaStore store = store();
            String key = prefix + ":wx1:/cgi-bin/menu/create";
            Bucket bucket = store.bucket(key, daily(10));
            SyncRecord record = SyncRecord.builder(Instant.parse("2026-11-22T02:00:00.123456Z")).dailyLimit(1000)
                    .used(10).remain(990).perMinuteLimit(60).refreshSeconds(60).build();

            store.syncs().record(key, record);
            bucket.tryConsume(1);

            assertThat(bucket.getAvailableTokens()).isEqualTo(9);
            assertThat(store.syncs().last(key)).contains(record);
        }

        @Test
        void syncs_recordInAnUnknownFormat_isNone() {
            QuotaStore store = store();
            admin.sync().psetex(prefix + ":sync:wx1:/cgi-bin/menu/create", 60_000, "9;from a later version");

            assertThat(store.syncs().last(prefix + ":wx1:/cgi-bin/menu/create")).isEmpty();
        }

        @Test
        void clears_lockWhoseLeaseRanOut_isNotReleasedByItsFormerHolder() throws Exception {
            ClearLedger first = store().clears();
            ClearLedger second = store().clears();
            AutoCloseable lapsed = first.lock("wx1", Duration.ofMillis(100), Duration.ZERO).orElseThrow();
            Optional<AutoCloseable> taken = second.lock("wx1", Duration.ofSeconds(30), Duration.ofSeconds(5));
            assertThat(taken).isPresent();

            lapsed.close();

            assertThat(first.lock("wx1", Duration.ofSeconds(30), Duration.ZERO)).isEmpty();
            taken.get().close();
            Optional<AutoCloseable> next = first.lock("wx1", Duration.ofSeconds(30), Duration.ZERO);
            assertThat(next).isPresent();
            next.get().close();
        }

        @Test
        void clears_lockClosedTwice_releasesOnce() throws Exception {
            ClearLedger clears = store().clears();
            AutoCloseable held = clears.lock("wx1", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
            held.close();
            AutoCloseable other = clears.lock("wx1", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();

            held.close();

            assertThat(clears.lock("wx1", Duration.ofSeconds(30), Duration.ZERO)).isEmpty();
            other.close();
        }

        @Test
        void clears_reservationsAndRefusals_shareOneKeyPerMonth() {
            ClearLedger clears = store().clears();
            clears.tryReserve("wx1", NOVEMBER, 3);
            clears.markExhausted("wx1", NOVEMBER);

            assertThat(admin.sync().hgetall(prefix + ":clears:wx1:2026-11"))
                    .containsEntry("used", "1")
                    .containsEntry("exhausted", "1");
            assertThat(clears.used("wx1", NOVEMBER)).isEqualTo(1);
            assertThat(clears.tryReserve("wx1", NOVEMBER, 3)).isFalse();
        }
    }

    // ---- on a Redis of the test's own -------------------------------------------------------------------------

    @Nested
    class OnARedisOfItsOwn {

        private final List<RedisServerProcess> servers = new ArrayList<>();

        @BeforeEach
        void requireRedisServer() {
            RedisServerProcess.requireBinary();
        }

        @AfterEach
        void stopServers() throws Exception {
            closeStores();
            stores.clear();
            for (RedisServerProcess server : servers) {
                server.close();
            }
        }

        private RedisServerProcess server(String... arguments) throws Exception {
            RedisServerProcess server = RedisServerProcess.start(arguments);
            servers.add(server);
            return server;
        }

        private QuotaStore store(String uri, boolean batching) {
            return opened(RedisQuotaStore.builder(uri).keyPrefix(prefix).batching(batching).build());
        }

        /** A plain connection to a server, for what the test does behind the store's back. */
        private <T> T withConnection(RedisServerProcess server, java.util.function.Function<RedisCommands<String,
                String>, T> action) {
            RedisClient client = RedisClient.create(server.uri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                return action.apply(connection.sync());
            } finally {
                client.shutdown();
            }
        }

        @Test
        void stuckRedis_failsWithinTheCommandTimeout_andServesAgainAfter() throws Exception {
            RedisServerProcess server = server();
            QuotaStore store = store(server.uri(), true);
            Bucket bucket = store.bucket(prefix + ":wx1:/cgi-bin/menu/create", daily(10));
            bucket.tryConsume(1);

            withConnection(server, redis -> redis.clientPause(3_000)); // every command waits 3 s from now

            assertTimeoutPreemptively(Duration.ofMillis(2_500), () -> {
                assertThat(catchThrowable(() -> bucket.tryConsume(1)))
                        .isInstanceOfAny(io.github.bucket4j.TimeoutException.class, RedisCommandTimeoutException.class)
                        .hasMessageContainingAll("time", "out");
                assertThatThrownBy(() -> store.clears().used("wx1", NOVEMBER))
                        .isInstanceOf(RedisCommandTimeoutException.class)
                        .hasMessage("Redis did not answer reading clears within 500 ms");
            });
            await().atMost(BOUND).ignoreExceptions().until(() -> bucket.getAvailableTokens() == 9);
            assertThat(bucket.tryConsume(1)).isTrue();
        }

        @Test
        void stoppedRedis_failsAtOnce_andALostStateThrowsAfterItsRestart() throws Exception {
            RedisServerProcess server = server(); // no persistence: a restart loses everything
            QuotaStore store = store(server.uri(), true);
            String key = prefix + ":wx1:/cgi-bin/menu/create";
            Bucket bucket = store.bucket(key, daily(10));
            bucket.tryConsume(3);

            server.kill();

            assertTimeoutPreemptively(BOUND, () -> {
                assertThat(catchThrowable(() -> bucket.tryConsume(1)))
                        .isInstanceOfAny(RedisException.class, io.github.bucket4j.TimeoutException.class);
                assertThatThrownBy(() -> store.clears().tryReserve("wx1", NOVEMBER, 3))
                        .isInstanceOf(RedisException.class);
            });

            server.restart();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> catchThrowable(() -> bucket.tryConsume(1)) instanceof BucketNotFoundException);
            // The engine rebuilds the bucket, from a sync or conservatively; the store then serves it again.
            assertThat(store.bucket(key, daily(5)).getAvailableTokens()).isEqualTo(5);
            assertThat(store.clears().tryReserve("wx1", NOVEMBER, 3)).isTrue();
        }

        @Test
        void restartedRedisThatKeptItsData_servesTheOldHandleWithItsCount() throws Exception {
            RedisServerProcess server = server("--appendonly", "yes", "--appendfsync", "always");
            QuotaStore store = store(server.uri(), true);
            Bucket bucket = store.bucket(prefix + ":wx1:/cgi-bin/menu/create", daily(10));
            bucket.tryConsume(3);

            server.kill();
            server.restart();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> bucket.getAvailableTokens() == 7);
            assertThat(bucket.tryConsume(1)).isTrue();
            assertThat(bucket.getAvailableTokens()).isEqualTo(6);
        }

        @ParameterizedTest(name = "batching {0}")
        @ValueSource(booleans = {true, false})
        void hotKey_sharesRoundTripsOnlyWithBatching(boolean batching) throws Exception {
            RedisServerProcess server = server();
            Bucket bucket = store(server.uri(), batching).bucket(prefix + ":wx1:/hot", daily(100_000));
            long before = withConnection(server, redis -> calls(redis.info("commandstats"), "get"));
            int attempts = 16 * 40;

            concurrently(16, index -> {
                for (int n = 0; n < 40; n++) {
                    assertThat(bucket.tryConsume(1)).isTrue();
                }
            });

            long reads = withConnection(server, redis -> calls(redis.info("commandstats"), "get")) - before;
            assertThat(bucket.getAvailableTokens()).isEqualTo(100_000 - attempts);
            if (batching) {
                assertThat(reads).isLessThan(attempts);
            } else {
                assertThat(reads).isGreaterThanOrEqualTo(attempts);
            }
        }

        private static long calls(String commandStats, String command) {
            Matcher matcher = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(commandStats);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
        }

        @Test
        void sentinelUri_reachesTheMaster() throws Exception {
            RedisServerProcess master = server();
            RedisServerProcess sentinel = RedisServerProcess.startSentinel(master.port());
            servers.add(sentinel);
            QuotaStore store = store("redis-sentinel://127.0.0.1:" + sentinel.port() + "#mymaster", true);
            String key = prefix + ":wx1:/cgi-bin/menu/create";

            await().atMost(BOUND).ignoreExceptions().until(() -> store.bucket(key, daily(10)).tryConsume(1));

            long found = withConnection(master, redis -> redis.exists(key));
            assertThat(found).isEqualTo(1);
        }
    }
}
