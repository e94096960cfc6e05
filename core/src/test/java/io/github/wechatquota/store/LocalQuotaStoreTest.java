package io.github.wechatquota.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.wechatquota.simulator.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalQuotaStoreTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final LocalQuotaStore store = LocalQuotaStore.create(clock, 1000);
    private final ClearLedger ledger = store.clears();

    private static BucketConfiguration capacity(long tokens) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(tokens).refillIntervally(tokens, Duration.ofDays(1)).build())
                .build();
    }

    /** Takes the lock on another thread, as another caller would, and reports whether it got it. */
    private boolean otherThreadGetsLock(Duration wait) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Optional<AutoCloseable> lock = ledger.lock(APP_ID, Duration.ofSeconds(30), wait);
                if (lock.isPresent()) {
                    lock.get().close();
                }
                return lock.isPresent();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    // ---- buckets ----------------------------------------------------------------------------------------------

    @Test
    void bucket_sameKey_returnsTheSameState() {
        Bucket first = store.bucket("wxq:a:/cgi-bin/menu/create", capacity(10));
        first.tryConsume(3);

        Bucket second = store.bucket("wxq:a:/cgi-bin/menu/create", capacity(10));

        assertThat(second.getAvailableTokens()).isEqualTo(7);
    }

    @Test
    void bucket_sameKeyWithAnotherConfiguration_keepsTheStoredOne() {
        store.bucket("wxq:a:/cgi-bin/menu/create", capacity(10));

        assertThat(store.bucket("wxq:a:/cgi-bin/menu/create", capacity(500)).getAvailableTokens()).isEqualTo(10);
    }

    @Test
    void bucket_differentKeys_areIndependent() {
        Bucket menu = store.bucket("wxq:a:/cgi-bin/menu/create", capacity(10));
        Bucket send = store.bucket("wxq:a:/cgi-bin/message/custom/send", capacity(10));

        menu.tryConsume(10);

        assertThat(send.getAvailableTokens()).isEqualTo(10);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void bucket_refillsByTheGivenClock() {
        Bucket bucket = store.bucket("wxq:a:/cgi-bin/menu/create", capacity(10));
        bucket.tryConsume(10);

        clock.advance(Duration.ofDays(1));

        assertThat(bucket.getAvailableTokens()).isEqualTo(10);
    }

    @Test
    void create_withoutRoomForKeys_isRefused() {
        assertThatThrownBy(() -> LocalQuotaStore.create(clock, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumKeys must be positive, was 0");
    }

    @Test
    void name_isLocal() {
        assertThat(store.name()).isEqualTo("local");
    }

    // ---- syncs ------------------------------------------------------------------------------------------------

    @Test
    void syncs_lastRecord_isReturnedByKey() {
        SyncRecord record = SyncRecord.builder(clock.instant()).dailyLimit(1000).used(10).remain(990).build();
        store.syncs().record("wxq:a:/cgi-bin/menu/create", record);

        assertThat(store.syncs().last("wxq:a:/cgi-bin/menu/create")).contains(record);
        assertThat(store.syncs().last("wxq:a:/cgi-bin/menu/get")).isEmpty();
    }

    // ---- clear ledger -----------------------------------------------------------------------------------------

    @Test
    void tryReserve_stopsAtTheMonthlyMaximum() {
        assertThat(ledger.tryReserve(APP_ID, NOVEMBER, 2)).isTrue();
        assertThat(ledger.tryReserve(APP_ID, NOVEMBER, 2)).isTrue();

        assertThat(ledger.tryReserve(APP_ID, NOVEMBER, 2)).isFalse();
        assertThat(ledger.used(APP_ID, NOVEMBER)).isEqualTo(2);
    }

    @Test
    void tryReserve_countsEachMonthSeparately() {
        ledger.tryReserve(APP_ID, NOVEMBER, 1);

        assertThat(ledger.tryReserve(APP_ID, DECEMBER, 1)).isTrue();
        assertThat(ledger.used(APP_ID, NOVEMBER)).isEqualTo(1);
        assertThat(ledger.used(APP_ID, DECEMBER)).isEqualTo(1);
    }

    @Test
    void tryReserve_countsEachAccountSeparately() {
        ledger.tryReserve(APP_ID, NOVEMBER, 1);

        assertThat(ledger.tryReserve("wxfedcba9876543210", NOVEMBER, 1)).isTrue();
    }

    @Test
    void markExhausted_endsReservationsForThatMonthOnly() {
        ledger.markExhausted(APP_ID, NOVEMBER);

        assertThat(ledger.exhausted(APP_ID, NOVEMBER)).isTrue();
        assertThat(ledger.tryReserve(APP_ID, NOVEMBER, 10)).isFalse();
        assertThat(ledger.exhausted(APP_ID, DECEMBER)).isFalse();
        assertThat(ledger.tryReserve(APP_ID, DECEMBER, 10)).isTrue();
    }

    @Test
    void used_ofAnUnknownAccount_isZero() {
        assertThat(ledger.used(APP_ID, NOVEMBER)).isZero();
        assertThat(ledger.lastClearedAt(APP_ID)).isZero();
    }

    @Test
    void lastClearedAt_keepsTheLatest() {
        ledger.recordCleared(APP_ID, 2_000);
        ledger.recordCleared(APP_ID, 1_000);

        assertThat(ledger.lastClearedAt(APP_ID)).isEqualTo(2_000);

        ledger.recordCleared(APP_ID, 3_000);

        assertThat(ledger.lastClearedAt(APP_ID)).isEqualTo(3_000);
    }

    @Test
    void forgetClears_startsTheMonthAgain() {
        ledger.tryReserve(APP_ID, NOVEMBER, 10);
        ledger.markExhausted(APP_ID, NOVEMBER);
        ledger.recordCleared(APP_ID, 2_000);

        store.forgetClears();

        assertThat(ledger.used(APP_ID, NOVEMBER)).isZero();
        assertThat(ledger.exhausted(APP_ID, NOVEMBER)).isFalse();
        assertThat(ledger.lastClearedAt(APP_ID)).isZero();
    }

    @Test
    void lock_excludesASecondTakerUntilClosed() throws Exception {
        AutoCloseable held = ledger.lock(APP_ID, Duration.ofSeconds(30), Duration.ZERO).orElseThrow();

        assertThat(otherThreadGetsLock(Duration.ofMillis(50))).isFalse();

        held.close();

        assertThat(otherThreadGetsLock(Duration.ofMillis(50))).isTrue();
    }

    @Test
    void lock_ofAnotherAccount_isIndependent() throws Exception {
        try (AutoCloseable held = ledger.lock(APP_ID, Duration.ofSeconds(30), Duration.ZERO).orElseThrow()) {
            Optional<AutoCloseable> other = CompletableFuture.supplyAsync(() -> {
                try {
                    return ledger.lock("wxfedcba9876543210", Duration.ofSeconds(30), Duration.ZERO);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).get(10, TimeUnit.SECONDS);

            assertThat(other).isPresent();
        }
    }

    @Test
    void lock_waitsForTheHolderToClose() throws Exception {
        AutoCloseable held = ledger.lock(APP_ID, Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return otherThreadGetsLock(Duration.ofSeconds(10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(50);
        held.close();

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
    }
}
