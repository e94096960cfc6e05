package io.github.wechatquota.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.wechatquota.QuotaStoreUnavailableException;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.store.ClearLedger;
import io.github.wechatquota.store.SyncRecord;
import io.github.wechatquota.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the jdbc store does beyond the store contract, on every database it speaks: tables, row expiry, timeouts and
 * outages. Each subclass runs it on one database, each test in a schema or database of its own.
 */
abstract class JdbcQuotaStoreTestBase {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final Duration NO_HANG = Duration.ofSeconds(15);
    private static final SyncRecord SYNC = SyncRecord.builder(Instant.parse("2026-11-22T02:00:00Z")).dailyLimit(1000)
            .used(10).remain(990).build();

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    protected TestDatabase schema;

    /** A new schema or database of this test's own. */
    protected abstract TestDatabase createDatabase();

    /** The dialect of that database. */
    protected abstract JdbcDialect dialect();

    /** What the driver's message says when a statement ran past its query timeout. */
    protected abstract String timeoutMessage();

    @BeforeEach
    void createSchema() {
        schema = createDatabase();
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    private JdbcQuotaStore store() {
        return JdbcQuotaStore.builder(schema.dataSource()).createTables(true).clock(clock).build();
    }

    private static BucketConfiguration daily(long capacity) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, Duration.ofDays(1))
                        .initialTokens(capacity).build())
                .build();
    }

    private long rows(String table) {
        return schema.count("SELECT count(*) FROM " + table);
    }

    private boolean bucketRowExists(String key) {
        return schema.count("SELECT count(*) FROM wxq_bucket WHERE id = ?", key) == 1;
    }

    private static <T> List<T> runConcurrently(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- tables -----------------------------------------------------------------------------------------------

    @Test
    void build_withoutTablesAndWithoutCreateTables_failsWithTheDdlToRun() {
        assertThatThrownBy(() -> JdbcQuotaStore.builder(schema.dataSource()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("jdbc store: the tables wxq_bucket, wxq_clear, wxq_sync, wxq_lock, wxq_lease do not exist")
                .hasMessageContaining(JdbcQuotaStore.ddl(dialect(), "wxq"))
                .hasMessageContaining("set wechat.quota.store.jdbc.create-tables=true");
        assertThat(schema.tableCount()).isZero();
    }

    @Test
    void build_withOneTableMissing_namesIt() {
        store();
        schema.execute("DROP TABLE wxq_lock");

        assertThatThrownBy(() -> JdbcQuotaStore.builder(schema.dataSource()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("jdbc store: the table wxq_lock does not exist");
    }

    @Test
    void ddl_runByHand_createsTablesTheStoreAccepts() {
        for (String statement : JdbcQuotaStore.ddl(dialect(), "quota").split(";\n")) {
            schema.execute(statement);
        }

        JdbcQuotaStore store = JdbcQuotaStore.builder(schema.dataSource()).tablePrefix("quota").clock(clock).build();

        assertThat(store.bucket("k", daily(10)).tryConsume(1)).isTrue();
        assertThat(store.clears().tryReserve(APP_ID, NOVEMBER, 1)).isTrue();
        assertThat(rows("quota_bucket")).isOne();
    }

    @Test
    void createTables_fromManyInstancesAtOnce_createsThemOnce() throws Exception {
        List<JdbcQuotaStore> stores = runConcurrently(6, this::store);

        assertThat(stores).hasSize(6);
        assertThat(schema.tableCount()).isEqualTo(5);
        // Created tables satisfy a store that may not create them, and creating again changes nothing.
        JdbcQuotaStore.builder(schema.dataSource()).build();
        store();
    }

    @Test
    void tablePrefix_schemaQualified_putsTheTablesInThatSchema() throws Exception {
        JdbcQuotaStore store = JdbcQuotaStore.builder(schema.dataSource()).tablePrefix(schema.name() + ".q")
                .createTables(true).clock(clock).build();

        store.bucket("k", daily(10)).tryConsume(1);
        store.clears().recordCleared(APP_ID, 5);
        store.syncs().record("k", SYNC);
        AutoCloseable held = store.clears().lock(APP_ID, Duration.ofSeconds(5), Duration.ZERO).orElseThrow();
        assertThat(rows(schema.name() + ".q_lock")).isOne();
        held.close();

        assertThat(rows(schema.name() + ".q_lock")).isZero();
        assertThat(rows(schema.name() + ".q_bucket")).isOne();
        assertThat(store.clears().lastClearedAt(APP_ID)).isEqualTo(5);
    }

    @Test
    void builder_badValues_areRefusedWithTheValue() {
        assertThatThrownBy(() -> JdbcQuotaStore.builder(schema.dataSource()).tablePrefix("Wxq-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tablePrefix must be a lower-case SQL identifier")
                .hasMessageEndingWith("was 'Wxq-1'");
        assertThatThrownBy(() -> JdbcQuotaStore.ddl("wxq; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JdbcQuotaStore.builder(schema.dataSource()).queryTimeout(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queryTimeout must be at least 1s (JDBC counts whole seconds), was PT0.5S");
        assertThatThrownBy(() -> JdbcQuotaStore.builder(schema.dataSource()).keyPrefix(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyPrefix must be non-empty without whitespace, was ' '");
    }

    @Test
    void store_isSharedAndNamedJdbc() {
        JdbcQuotaStore store = store();

        assertThat(store.name()).isEqualTo("jdbc");
        assertThat(store.shared()).isTrue();
    }

    // ---- buckets ----------------------------------------------------------------------------------------------

    @Test
    void bucket_concurrentCreationOnTwoInstances_keepsOneState() throws Exception {
        JdbcQuotaStore first = store();
        JdbcQuotaStore second = store();
        AtomicInteger turn = new AtomicInteger();

        List<Boolean> taken = runConcurrently(16, () -> {
            JdbcQuotaStore store = turn.getAndIncrement() % 2 == 0 ? first : second;
            return store.bucket("k:created", daily(100)).tryConsume(1);
        });

        assertThat(taken).containsOnly(true).hasSize(16);
        assertThat(first.bucket("k:created", daily(100)).getAvailableTokens()).isEqualTo(84);
    }

    @Test
    void bucket_sixteenThreadsOnOneKeyFromTwoInstances_takeExactlyTheCapacity() throws Exception {
        Bucket a = store().bucket("k:hot", daily(300));
        Bucket b = store().bucket("k:hot", daily(300));
        AtomicInteger turn = new AtomicInteger();

        List<Integer> perThread = runConcurrently(16, () -> {
            Bucket bucket = turn.getAndIncrement() % 2 == 0 ? a : b;
            int taken = 0;
            for (int i = 0; i < 40; i++) {
                if (bucket.tryConsume(1)) {
                    taken++;
                }
            }
            return taken;
        });

        assertThat(perThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        assertThat(store().bucket("k:hot", daily(300)).getAvailableTokens()).isZero();
    }

    @Test
    void bucket_lostWhileManyThreadsUseIt_throwsBucketNotFoundOnEveryThread() throws Exception {
        JdbcQuotaStore store = store();
        Bucket bucket = store.bucket("k:lost", daily(10));
        bucket.tryConsume(9);
        schema.execute("DELETE FROM wxq_bucket WHERE id = ?", "k:lost");

        List<Throwable> failures = runConcurrently(8, () -> catchThrowable(() -> bucket.tryConsume(1)));

        assertThat(failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(BucketNotFoundException.class));
        // Rebuilding is the caller's decision, from the configuration it passes (a conservative one).
        assertThat(store.bucket("k:lost", daily(3)).getAvailableTokens()).isEqualTo(3);
        assertThat(bucket.getAvailableTokens()).isEqualTo(3);
    }

    @Test
    void bucket_row_expiresADayAfterItsBucketWouldBeFullAgain() {
        store().bucket("k:day", daily(10)).tryConsume(1);

        long expiresAt = schema.count("SELECT expires_at FROM wxq_bucket WHERE id = ?", "k:day");

        // Full again at the refill a day from now, then kept one more day.
        assertThat(expiresAt).isEqualTo(clock.millis() + Duration.ofDays(2).toMillis());
    }

    @Test
    void recordingASync_removesExpiredBucketRows_whoseHandlesThenThrow() {
        JdbcQuotaStore store = store();
        Bucket old = store.bucket("k:old", daily(10));
        old.tryConsume(1);
        clock.advance(Duration.ofDays(3));
        Bucket recent = store.bucket("k:recent", daily(10));
        recent.tryConsume(1);

        store.syncs().record("k:recent", SYNC);

        assertThat(bucketRowExists("k:old")).isFalse();
        assertThat(bucketRowExists("k:recent")).isTrue();
        assertThatThrownBy(old::getAvailableTokens).isInstanceOf(BucketNotFoundException.class);
        assertThat(recent.getAvailableTokens()).isEqualTo(9);
    }

    @Test
    void removalOfExpiredRows_runsAtMostOnceAMinute() {
        JdbcQuotaStore store = store();
        String stale = "INSERT INTO wxq_bucket (id, state, expires_at) VALUES (?, NULL, 1)";
        schema.execute(stale, "k:stale-1");
        store.syncs().record("k", SYNC);
        assertThat(bucketRowExists("k:stale-1")).isFalse();

        schema.execute(stale, "k:stale-2");
        clock.advance(Duration.ofSeconds(59));
        store.syncs().record("k", SYNC);
        assertThat(bucketRowExists("k:stale-2")).isTrue();

        clock.advance(Duration.ofSeconds(1));
        store.syncs().record("k", SYNC);
        assertThat(bucketRowExists("k:stale-2")).isFalse();
    }

    @Test
    void removalOfExpiredRows_isBoundedPerCall_andDrainsABacklogOnTheNextCalls() {
        JdbcQuotaStore store = store();
        StringBuilder stale = new StringBuilder("INSERT INTO wxq_bucket (id, state, expires_at) VALUES ");
        for (int n = 1; n <= 1200; n++) {
            stale.append(n == 1 ? "" : ", ").append("('k:stale-").append(n).append("', NULL, 1)");
        }
        schema.execute(stale.toString());

        store.syncs().record("k", SYNC);
        assertThat(rows("wxq_bucket")).isEqualTo(1200 - JdbcQuotaStore.REMOVE_EXPIRED_BATCH);

        store.syncs().record("k", SYNC);
        store.syncs().record("k", SYNC);
        assertThat(rows("wxq_bucket")).isZero();
    }

    // ---- ledgers ----------------------------------------------------------------------------------------------

    @Test
    void lock_whoseLeaseRanOut_goesToTheNextTaker_andTheOldHolderCannotReleaseIt() throws Exception {
        ClearLedger clears = store().clears();
        AutoCloseable first = clears.lock(APP_ID, Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
        assertThat(clears.lock(APP_ID, Duration.ofSeconds(30), Duration.ZERO)).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        AutoCloseable second = clears.lock(APP_ID, Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
        first.close();

        assertThat(clears.lock(APP_ID, Duration.ofSeconds(30), Duration.ZERO)).isEmpty();
        second.close();
        assertThat(clears.lock(APP_ID, Duration.ofSeconds(30), Duration.ZERO)).isPresent();
    }

    @Test
    void tryClaim_expiresByTheStoreClock_andSurvivesARecordedSync() {
        JdbcQuotaStore store = store();
        assertThat(store.syncs().tryClaim("k", Duration.ofMinutes(10))).isTrue();

        store.syncs().record("k", SYNC);
        clock.advance(Duration.ofMinutes(9));
        assertThat(store().syncs().tryClaim("k", Duration.ofMinutes(10))).isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(store().syncs().tryClaim("k", Duration.ofMinutes(10))).isTrue();
        assertThat(store.syncs().last("k")).contains(SYNC);
    }

    @Test
    void syncs_claimWithoutARecord_isNoRecord() {
        JdbcQuotaStore store = store();
        store.syncs().tryClaim("k", Duration.ofMinutes(10));

        assertThat(store.syncs().last("k")).isEmpty();
    }

    @Test
    void syncs_recordTime_isKeptToTheMillisecond() {
        JdbcQuotaStore store = store();
        store.syncs().record("k", SyncRecord.builder(Instant.parse("2026-11-22T02:00:00.123456789Z")).dailyLimit(1)
                .used(2).remain(3).perMinuteLimit(4).refreshSeconds(5).build());

        assertThat(store.syncs().last("k")).contains(
                SyncRecord.builder(Instant.parse("2026-11-22T02:00:00.123Z")).dailyLimit(1).used(2).remain(3)
                        .perMinuteLimit(4).refreshSeconds(5).build());
    }

    @Test
    void keyPrefix_separatesTheClearBudgetsOfStoresSharingTables() {
        ClearLedger production = JdbcQuotaStore.builder(schema.dataSource()).createTables(true).keyPrefix("prod")
                .build().clears();
        ClearLedger staging = JdbcQuotaStore.builder(schema.dataSource()).createTables(true).keyPrefix("staging")
                .build().clears();
        ClearLedger anotherProductionService = JdbcQuotaStore.builder(schema.dataSource()).keyPrefix("prod")
                .build().clears();

        assertThat(production.tryReserve(APP_ID, NOVEMBER, 1)).isTrue();

        assertThat(staging.tryReserve(APP_ID, NOVEMBER, 1)).isTrue();
        assertThat(anotherProductionService.tryReserve(APP_ID, NOVEMBER, 1)).isFalse();
        assertThat(anotherProductionService.used(APP_ID, NOVEMBER)).isOne();
    }

    @Test
    void tryReserve_withNoClearsAllowed_reservesNothing() {
        ClearLedger clears = store().clears();

        assertThat(clears.tryReserve(APP_ID, NOVEMBER, 0)).isFalse();
        assertThat(clears.used(APP_ID, NOVEMBER)).isZero();
    }

    // ---- failures ---------------------------------------------------------------------------------------------

    @Test
    void build_onAClosedPort_buildsAStoreWhoseOperationsFailUntilTheDatabaseAnswers() throws Exception {
        SwitchableDataSource dataSource = new SwitchableDataSource(schema.closedPort());

        JdbcQuotaStore store = assertTimeoutPreemptively(NO_HANG,
                () -> JdbcQuotaStore.builder(dataSource).createTables(true).clock(clock).build());

        assertTimeoutPreemptively(NO_HANG, () -> {
            assertThatThrownBy(() -> store.bucket("k:early", daily(10)))
                    .isInstanceOf(QuotaStoreUnavailableException.class)
                    .hasMessageStartingWith("jdbc store: could not run a command on bucket 'k:early': ");
            assertThatThrownBy(() -> store.clears().tryReserve(APP_ID, NOVEMBER, 3))
                    .isInstanceOf(QuotaStoreUnavailableException.class)
                    .hasMessageStartingWith("jdbc store: could not reserve a clear of " + APP_ID + " in 2026-11: ");
            assertThatThrownBy(() -> store.syncs().last("k:early"))
                    .isInstanceOf(QuotaStoreUnavailableException.class)
                    .hasMessageStartingWith("jdbc store: could not read the last sync of 'k:early': ");
        });
        assertThat(schema.tableCount()).isZero();

        dataSource.switchTo(schema.dataSource());

        assertThat(store.bucket("k:early", daily(10)).tryConsume(1)).isTrue();
        assertThat(store.clears().tryReserve(APP_ID, NOVEMBER, 3)).isTrue();
        assertThat(schema.tableCount()).isEqualTo(5);
    }

    @Test
    void build_onAClosedPort_withoutCreateTables_failsTheFirstReachingOperationWithTheDdl_notTheBuild()
            throws Exception {
        SwitchableDataSource dataSource = new SwitchableDataSource(schema.closedPort());
        JdbcQuotaStore store = assertTimeoutPreemptively(NO_HANG,
                () -> JdbcQuotaStore.builder(dataSource).clock(clock).build());

        dataSource.switchTo(schema.dataSource());

        assertThatThrownBy(() -> store.syncs().last("k"))
                .isInstanceOf(QuotaStoreUnavailableException.class)
                .hasMessageStartingWith("jdbc store: the tables wxq_bucket, wxq_clear, wxq_sync, wxq_lock, wxq_lease do not exist")
                .hasMessageContaining(JdbcQuotaStore.ddl(dialect(), "wxq"));
        for (String statement : JdbcQuotaStore.ddl(dialect(), "wxq").split(";\n")) {
            schema.execute(statement);
        }
        assertThat(store.syncs().last("k")).isEmpty();
    }

    @Test
    void build_detectsTheDialectFromTheDriver_andAGivenDialectIsUsedAsIs() {
        JdbcQuotaStore.builder(schema.dataSource()).createTables(true).build();

        assertThat(JdbcQuotaStore.builder(schema.dataSource()).dialect(dialect()).build().syncs().last("k")).isEmpty();
    }

    @Test
    void everyOperation_whenTheDatabaseGoesAway_failsFastNamingWhatFailed_andWorksAgainWhenItReturns()
            throws Exception {
        SwitchableDataSource dataSource = new SwitchableDataSource(schema.dataSource());
        JdbcQuotaStore store = JdbcQuotaStore.builder(dataSource).createTables(true).clock(clock).build();
        Bucket bucket = store.bucket("k:outage", daily(10));
        bucket.tryConsume(1);

        dataSource.switchTo(schema.closedPort());

        assertTimeoutPreemptively(NO_HANG, () -> {
            assertThatThrownBy(() -> bucket.tryConsume(1)).isInstanceOf(QuotaStoreUnavailableException.class)
                    .hasMessageStartingWith("jdbc store: could not run a command on bucket 'k:outage': ");
            assertThatThrownBy(() -> store.bucket("k:other", daily(10)))
                    .isInstanceOf(QuotaStoreUnavailableException.class);
            assertThatThrownBy(() -> store.clears().tryReserve(APP_ID, NOVEMBER, 3))
                    .isInstanceOf(QuotaStoreUnavailableException.class)
                    .hasMessageStartingWith("jdbc store: could not reserve a clear of " + APP_ID + " in 2026-11: ");
            assertThatThrownBy(() -> store.clears().lock(APP_ID, Duration.ofSeconds(30), Duration.ofSeconds(1)))
                    .isInstanceOf(QuotaStoreUnavailableException.class)
                    .hasMessageStartingWith("jdbc store: could not take the clear lock of " + APP_ID);
            assertThatThrownBy(() -> store.syncs().record("k:outage", SYNC))
                    .isInstanceOf(QuotaStoreUnavailableException.class)
                    .hasMessageStartingWith("jdbc store: could not record the sync of 'k:outage'");
            assertThatThrownBy(() -> store.syncs().tryClaim("k:outage", Duration.ofMinutes(1)))
                    .isInstanceOf(QuotaStoreUnavailableException.class);
            assertThatThrownBy(() -> store.syncs().last("k:outage"))
                    .isInstanceOf(QuotaStoreUnavailableException.class);
            // Callers whose commands were batched together each get the store's exception, not Bucket4j's wrapper.
            assertThat(runConcurrently(8, () -> catchThrowable(() -> bucket.tryConsume(1))))
                    .allSatisfy(failure -> assertThat(failure).isInstanceOf(QuotaStoreUnavailableException.class));
        });

        dataSource.switchTo(schema.dataSource());
        assertThat(bucket.getAvailableTokens()).isEqualTo(9);
    }

    @Test
    void statements_waitingOnALockedRow_timeOutInsteadOfHanging() throws Exception {
        JdbcQuotaStore store = JdbcQuotaStore.builder(schema.dataSource()).createTables(true).clock(clock)
                .queryTimeout(Duration.ofSeconds(1)).build();
        Bucket bucket = store.bucket("k:locked", daily(10));
        store.clears().tryReserve(APP_ID, NOVEMBER, 3);

        try (Connection holder = schema.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lockRows = holder.prepareStatement(
                    "SELECT 1 FROM wxq_bucket, wxq_clear WHERE wxq_bucket.id = ? FOR UPDATE")) {
                lockRows.setString(1, "k:locked");
                lockRows.executeQuery().close();
            }

            assertTimeoutPreemptively(NO_HANG, () -> {
                assertThatThrownBy(() -> bucket.tryConsume(1)).isInstanceOf(QuotaStoreUnavailableException.class)
                        .hasMessageStartingWith("jdbc store: could not run a command on bucket 'k:locked'")
                        .hasMessageContaining(timeoutMessage());
                assertThatThrownBy(() -> store.clears().tryReserve(APP_ID, NOVEMBER, 3))
                        .isInstanceOf(QuotaStoreUnavailableException.class)
                        .hasMessageContaining(timeoutMessage());
            });
            holder.rollback();
        }

        assertThat(bucket.tryConsume(1)).isTrue();
        assertThat(store.clears().used(APP_ID, NOVEMBER)).isEqualTo(1);
    }
}
