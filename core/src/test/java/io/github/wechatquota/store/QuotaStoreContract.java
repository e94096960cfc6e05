package io.github.wechatquota.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QuotaStore} must do, run against each (local, Redis through Lettuce and through Redisson, Redis
 * Cluster, PostgreSQL, MariaDB) so that they cannot drift apart.
 * "Two instances" are two store objects over the same backend and key prefix, as two processes would have.
 */
public abstract class QuotaStoreContract {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private final List<QuotaStore> opened = new ArrayList<>();

    /** A store over the backend this test class uses, with this test's own key prefix; may be called twice. */
    protected abstract QuotaStore newStore(Clock clock);

    /** A unique key under this test's prefix. */
    protected abstract String key(String name);

    /** Deletes a bucket's state behind the stores' backs, as an eviction or an operator would; true when deleted. */
    protected abstract boolean loseState(String key);

    /** Whether {@link #loseState} can do anything here (not for the local store, whose state the handle holds). */
    protected boolean canLoseState() {
        return true;
    }

    /** Whether two store objects share state (false for the local store: two objects are two processes). */
    protected abstract boolean sharesAcrossInstances();

    protected QuotaStore open() {
        QuotaStore store = newStore(Clock.systemUTC());
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(QuotaStore::close);
    }

    private static BucketConfiguration daily(long capacity) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, Duration.ofDays(1))
                        .initialTokens(capacity).build())
                .build();
    }

    @Test
    void bucket_sameKey_isOneStateForEveryHandle() {
        QuotaStore store = open();
        String key = key("same");
        store.bucket(key, daily(10)).tryConsume(3);

        assertThat(store.bucket(key, daily(10)).getAvailableTokens()).isEqualTo(7);
    }

    @Test
    void bucket_existing_isNotResetByAnotherConfiguration() {
        QuotaStore store = open();
        String key = key("kept");
        store.bucket(key, daily(10)).tryConsume(4);

        assertThat(store.bucket(key, daily(50)).getAvailableTokens()).isEqualTo(6);
    }

    @Test
    void bucket_differentKeys_areIndependent() {
        QuotaStore store = open();
        store.bucket(key("a"), daily(10)).tryConsume(10);

        assertThat(store.bucket(key("b"), daily(10)).getAvailableTokens()).isEqualTo(10);
    }

    @Test
    void bucket_sharedStore_isOneCountForTwoInstances() {
        assumeTrue(sharesAcrossInstances(), "two local stores are two processes: nothing is shared");
        String key = key("shared");
        open().bucket(key, daily(10)).tryConsume(3);

        assertThat(open().bucket(key, daily(10)).getAvailableTokens()).isEqualTo(7);
    }

    @Test
    void bucket_concurrentConsumersOnTwoInstances_takeExactlyTheCapacity() throws Exception {
        QuotaStore first = open();
        QuotaStore second = sharesAcrossInstances() ? open() : first;
        String key = key("race");
        Bucket a = first.bucket(key, daily(200));
        Bucket b = second.bucket(key, daily(200));
        AtomicInteger taken = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Bucket bucket = i % 2 == 0 ? a : b;
                workers.add(() -> {
                    for (int n = 0; n < 40; n++) {
                        if (bucket.tryConsume(1)) {
                            taken.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(taken.get()).isEqualTo(200);
    }

    @Test
    void bucket_whoseStateWasLost_throwsRatherThanStartingFull() {
        QuotaStore store = open();
        String key = key("lost");
        Bucket bucket = store.bucket(key, daily(10));
        bucket.tryConsume(9);
        assumeTrue(canLoseState(), "this store cannot lose a key behind its own back");
        assertThat(loseState(key)).as("the test deleted the state").isTrue();

        assertThatThrownBy(() -> bucket.tryConsume(1)).isInstanceOf(BucketNotFoundException.class);
    }

    @Test
    void clears_tryReserve_stopsAtTheMonthlyMaximum() {
        ClearLedger clears = open().clears();
        String app = key("app");

        assertThat(clears.tryReserve(app, NOVEMBER, 2)).isTrue();
        assertThat(clears.tryReserve(app, NOVEMBER, 2)).isTrue();
        assertThat(clears.tryReserve(app, NOVEMBER, 2)).isFalse();
        assertThat(clears.used(app, NOVEMBER)).isEqualTo(2);
    }

    @Test
    void clears_areCountedPerCalendarMonth() {
        ClearLedger clears = open().clears();
        String app = key("app");
        clears.tryReserve(app, NOVEMBER, 1);

        assertThat(clears.tryReserve(app, NOVEMBER.plusMonths(1), 1)).isTrue();
        assertThat(clears.used(app, NOVEMBER.plusMonths(1))).isEqualTo(1);
    }

    @Test
    void clears_concurrentReservationsFromTwoInstances_neverPassTheMaximum() throws Exception {
        ClearLedger first = open().clears();
        ClearLedger second = sharesAcrossInstances() ? open().clears() : first;
        String app = key("app");
        AtomicInteger reserved = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ClearLedger ledger = i % 2 == 0 ? first : second;
                workers.add(() -> {
                    if (ledger.tryReserve(app, NOVEMBER, 3)) {
                        reserved.incrementAndGet();
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(reserved.get()).isEqualTo(3);
        assertThat(first.used(app, NOVEMBER)).isEqualTo(3);
    }

    @Test
    void clears_markExhausted_refusesFurtherReservationsThatMonth() {
        ClearLedger clears = open().clears();
        String app = key("app");
        clears.markExhausted(app, NOVEMBER);

        assertThat(clears.exhausted(app, NOVEMBER)).isTrue();
        assertThat(clears.tryReserve(app, NOVEMBER, 3)).isFalse();
        assertThat(clears.exhausted(app, NOVEMBER.plusMonths(1))).isFalse();
    }

    @Test
    void clears_lastClearedAt_keepsTheLatest() {
        ClearLedger clears = open().clears();
        String app = key("app");

        assertThat(clears.lastClearedAt(app)).isZero();
        clears.recordCleared(app, 2_000);
        clears.recordCleared(app, 1_000);
        assertThat(clears.lastClearedAt(app)).isEqualTo(2_000);
    }

    @Test
    void clears_lock_excludesASecondHolderUntilReleased() throws Exception {
        ClearLedger first = open().clears();
        ClearLedger second = sharesAcrossInstances() ? open().clears() : first;
        String app = key("app");
        Optional<AutoCloseable> held = first.lock(app, Duration.ofSeconds(30), Duration.ZERO);
        assertThat(held).isPresent();

        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertThat(other.submit(() -> second.lock(app, Duration.ofSeconds(30), Duration.ofMillis(200))).get())
                    .isEmpty();
            held.get().close();
            Optional<AutoCloseable> next = other.submit(() -> second.lock(app, Duration.ofSeconds(30),
                    Duration.ofSeconds(2))).get();
            assertThat(next).isPresent();
            next.get().close();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void syncs_recordIsSeenByEveryInstance() {
        String key = key("sync");
        SyncRecord record = SyncRecord.builder(Instant.parse("2026-11-22T02:00:00Z")).dailyLimit(1000).used(10)
                .remain(990).perMinuteLimit(60).refreshSeconds(60).build();
        open().syncs().record(key, record);

        QuotaStore reader = sharesAcrossInstances() ? open() : opened.get(0);
        assertThat(reader.syncs().last(key)).contains(record);
        assertThat(reader.syncs().last(key("never"))).isEmpty();
    }

    @Test
    void syncs_tryClaim_isExclusiveUntilItExpires() {
        SyncLedger first = open().syncs();
        SyncLedger second = sharesAcrossInstances() ? open().syncs() : first;
        String key = key("claim");

        assertThat(first.tryClaim(key, Duration.ofMillis(1500))).isTrue();
        assertThat(second.tryClaim(key, Duration.ofMillis(1500))).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.tryClaim(key, Duration.ofMillis(300)));
    }

    private LeaseLedger leases(QuotaStore store) {
        Optional<LeaseLedger> ledger = store.leases();
        assumeTrue(ledger.isPresent(), "this store has no lease ledger");
        return ledger.get();
    }

    private static final long DAY = 20_414;
    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    @Test
    void leases_ofEveryInstance_addUpForTheDay() {
        assumeTrue(sharesAcrossInstances());
        LeaseLedger first = leases(open());
        LeaseLedger second = leases(open());
        String key = key("lease");

        first.publish(key, "a", DAY, 40, NOW.plusSeconds(60));
        second.publish(key, "b", DAY, 25, NOW.plusSeconds(60));
        first.publish(key, "a", DAY, 30, NOW.plusSeconds(60));

        assertThat(second.outstanding(key, DAY, NOW, second.version(key))).isEqualTo(55);
        assertThat(first.outstanding(key("none"), DAY, NOW, first.version(key("none")))).isZero();
    }

    @Test
    void leases_lapsedOrOfAnotherDay_doNotCount() {
        LeaseLedger ledger = leases(open());
        String key = key("lapsed");

        ledger.publish(key, "a", DAY, 40, NOW.minusMillis(1));
        ledger.publish(key, "b", DAY - 1, 25, NOW.plusSeconds(60));
        ledger.publish(key, "c", DAY, 7, NOW.plusSeconds(60));

        assertThat(ledger.outstanding(key, DAY, NOW, ledger.version(key))).isEqualTo(7);
    }

    @Test
    void leases_readWithAVersionThatMovedSince_answerUnknown() {
        LeaseLedger ledger = leases(open());
        String key = key("moved");
        ledger.publish(key, "a", DAY, 40, NOW.plusSeconds(60));
        long version = ledger.version(key);

        ledger.publish(key, "a", DAY, 0, NOW.plusSeconds(60));

        assertThat(ledger.version(key)).isNotEqualTo(version);
        assertThat(ledger.outstanding(key, DAY, NOW, version)).isEqualTo(-1);
    }
}
