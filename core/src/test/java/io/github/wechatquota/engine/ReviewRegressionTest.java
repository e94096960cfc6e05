package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.simulator.SimulatedAccount;
import io.github.wechatquota.store.ClearLedger;
import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncLedger;
import io.github.wechatquota.store.SyncRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Regression tests for bugs found in review, each named after the bug. */
class ReviewRegressionTest extends EngineTestSupport {

    private static final String ORDER_ADD = "/cgi-bin/express/business/order/add";
    private static final String MINI_APP = "wx00000000000000aa";
    private static final String MINI_SECRET = "mini-program-secret-5e21";

    /** A local store with hooks: to hold a thread at a chosen step of declaring a quota or clearing. */
    static class HookedStore implements QuotaStore {
        final LocalQuotaStore delegate;
        volatile Runnable onSyncLookup = () -> { };
        volatile Runnable afterRecordCleared = () -> { };
        volatile Runnable onLock = () -> { };

        HookedStore(java.time.Clock clock) {
            this.delegate = LocalQuotaStore.create(clock, 1000);
        }

        @Override
        public String name() {
            return "hooked";
        }

        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            return delegate.bucket(key, configuration);
        }

        @Override
        public SyncLedger syncs() {
            SyncLedger syncs = delegate.syncs();
            return new SyncLedger() {
                @Override
                public void record(String key, SyncRecord record) {
                    syncs.record(key, record);
                }

                @Override
                public Optional<SyncRecord> last(String key) {
                    onSyncLookup.run();
                    return syncs.last(key);
                }

                @Override
                public boolean tryClaim(String key, java.time.Duration ttl) {
                    return syncs.tryClaim(key, ttl);
                }
            };
        }

        @Override
        public ClearLedger clears() {
            ClearLedger clears = delegate.clears();
            return new ClearLedger() {
                @Override
                public int used(String appId, YearMonth month) {
                    return clears.used(appId, month);
                }

                @Override
                public boolean tryReserve(String appId, YearMonth month, int maxPerMonth) {
                    return clears.tryReserve(appId, month, maxPerMonth);
                }

                @Override
                public void markExhausted(String appId, YearMonth month) {
                    clears.markExhausted(appId, month);
                }

                @Override
                public boolean exhausted(String appId, YearMonth month) {
                    return clears.exhausted(appId, month);
                }

                @Override
                public long lastClearedAt(String appId) {
                    return clears.lastClearedAt(appId);
                }

                @Override
                public void recordCleared(String appId, long epochMillis) {
                    clears.recordCleared(appId, epochMillis);
                    afterRecordCleared.run();
                }

                @Override
                public Optional<AutoCloseable> lock(String appId, Duration lease, Duration wait)
                        throws InterruptedException {
                    onLock.run();
                    return clears.lock(appId, lease, wait);
                }
            };
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the other thread");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void touch(GuardedApi api) {
        try {
            guard.execute(api, null, () -> "touch");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }


    // ---- KeyState ---------------------------------------------------------------------------------------------

    /** A second method annotating a lower limit capped the quota but kept the tokens: calls used before were lost. */
    @Test
    void lowerAnnotatedLimitOfALaterMethod_keepsTheCallsAlreadyMadeToday() throws Exception {
        startGuard(guardBuilder());
        GuardedApi plain = guard.register(ApiDefinition.of(MENU_CREATE)); // the catalog's 1000
        for (int i = 0; i < 500; i++) {
            touch(plain);
        }
        GuardedApi capped = guard.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(600)
                .policy(QuotaPolicy.REJECT).build());

        touch(capped);

        QuotaSnapshot snapshot = guard.snapshot(APP_ID, MENU_CREATE).orElseThrow();
        assertThat(snapshot.dailyLimit()).hasValue(600);
        assertThat(snapshot.remaining()).hasValue(600 - 501);
    }

    /** Two syncs of one quota in flight at once (first use, periodic, syncNow, after a clear) moved the bucket twice. */
    @Test
    void twoSyncsInFlightAtOnce_moveTheBucketOnce() {
        KeyStateFixture quota = new KeyStateFixture(clock, CHINA, MENU_CREATE)
                .declare(ApiDefinition.builder(MENU_CREATE).dailyLimit(100).policy(QuotaPolicy.REJECT).build());
        quota.call(90); // 10 left
        SyncSample first = quota.sample();
        SyncSample second = quota.sample();

        // WeChat counted only 60: 40 remain. Each answer alone moves the bucket from 10 to 40.
        quota.apply(KeyStateFixture.weChatSays(100, 60), first);
        quota.apply(KeyStateFixture.weChatSays(100, 60), second);

        assertThat(quota.remaining()).isEqualTo(40);
    }

    /** A lower limit declared while a sync's answer travelled was taken off twice: once by each. */
    @Test
    void lowerLimitDeclaredWhileASyncTravels_isTakenOffOnce() {
        KeyStateFixture quota = new KeyStateFixture(clock, CHINA, MENU_CREATE).declare(ApiDefinition.of(MENU_CREATE));
        quota.call(500); // of the catalog's 1000
        SyncSample sample = quota.sample();
        quota.declare(ApiDefinition.builder(MENU_CREATE).dailyLimit(600).policy(QuotaPolicy.REJECT).build());
        quota.call(1);

        quota.apply(KeyStateFixture.weChatSays(1000, 500), sample);

        assertThat(quota.remaining()).isEqualTo(600 - 501);
    }

    /** A bucket created (full) while a sync's answer travelled kept its tokens: WeChat's count was ignored. */
    @Test
    void syncAnswer_forABucketCreatedWhileItTravelled_bringsItDownToWeChatsFigure() {
        String uncatalogued = "/cgi-bin/not/in/catalog";
        KeyStateFixture quota = new KeyStateFixture(clock, CHINA, uncatalogued)
                .declare(ApiDefinition.of(uncatalogued)); // no limit known: no bucket
        SyncSample sample = quota.sample();
        quota.declare(ApiDefinition.builder(uncatalogued).dailyLimit(100).policy(QuotaPolicy.REJECT).build());
        quota.call(5);

        quota.apply(KeyStateFixture.weChatSays(100, 80), sample);

        assertThat(quota.remaining()).isEqualTo(20);
    }

    /** Actuator or metrics reading snapshots while a quota was being declared hit a NullPointerException. */
    @Test
    void snapshots_whileAQuotaIsBeingDeclared_skipItInsteadOfFailing() throws Exception {
        HookedStore store = new HookedStore(clock);
        CountDownLatch declaring = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        store.onSyncLookup = () -> {
            declaring.countDown();
            await(release);
        };
        startGuard(guardBuilder().store(store));
        GuardedApi api = guard.register(ApiDefinition.of(MENU_CREATE));
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
            try {
                return guard.execute(api, null, () -> "declared");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await(declaring);
        List<QuotaSnapshot> during;
        Optional<QuotaSnapshot> one;
        try {
            during = guard.snapshots();
            one = guard.snapshot(APP_ID, MENU_CREATE);
        } finally {
            release.countDown();
        }

        assertThat(during).isEmpty();
        assertThat(one).isEmpty();
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("declared");
        assertThat(guard.snapshots()).hasSize(1);
    }

    // ---- policies ---------------------------------------------------------------------------------------------

    /** WAIT waited max-wait anew after each 45011, so a call WeChat kept refusing blocked (and recursed) forever. */
    @Test
    void wait_afterRepeated45011_givesUpAtMaxWait() {
        startGuard(guardBuilder().maxWait(Duration.ofSeconds(90)));
        GuardedApi api = guard.register(ApiDefinition.builder(CUSTOM_SEND).policy(QuotaPolicy.WAIT).build());
        AtomicInteger calls = new AtomicInteger();
        Instant started = clock.instant();

        assertThatThrownBy(() -> guard.execute(api, null, () -> {
            if (calls.incrementAndGet() > 50) {
                throw new AssertionError("still waiting after 50 calls");
            }
            return "{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}";
        })).isInstanceOf(QuotaExhaustedException.class).hasMessageContaining("max-wait");

        assertThat(Duration.between(started, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(90));
        assertThat(calls.get()).isEqualTo(2);
    }

    // ---- clears -----------------------------------------------------------------------------------------------

    /**
     * A caller that found the quota empty while another caller's clear was being recorded (before the buckets were
     * refilled) stamped its exhaustion after the clear, and cleared a second time for the same exhaustion.
     */
    @Test
    void clearAndRetry_exhaustionSeenBeforeTheRefill_doesNotClearAgain() throws Exception {
        HookedStore store = new HookedStore(clock);
        startGuard(guardBuilder().store(store).clears(true, 3));
        GuardedApi api = guard.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(1)
                .policy(QuotaPolicy.CLEAR_AND_RETRY).build());
        touch(api);
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondAtLock = new CountDownLatch(1);
        AtomicInteger records = new AtomicInteger();
        AtomicInteger locks = new AtomicInteger();
        store.afterRecordCleared = () -> {
            if (records.incrementAndGet() == 1) {
                recorded.countDown();
                await(releaseFirst);
            }
        };
        store.onLock = () -> {
            if (locks.incrementAndGet() == 2) {
                secondAtLock.countDown();
            }
        };
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> callOrReject(api, "first"));
        await(recorded);
        clock.advance(Duration.ofSeconds(1));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> callOrReject(api, "second"));
        // Either the second caller queues for the clear lock, or it found the quota refilled and is done.
        CompletableFuture.anyOf(second, CompletableFuture.runAsync(() -> await(secondAtLock))).get(10, TimeUnit.SECONDS);
        releaseFirst.countDown();

        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);

        assertThat(weChat.calls("/cgi-bin/clear_quota")).hasSize(1);
        assertThat(guard.clearStatus(APP_ID).usedThisMonth()).isEqualTo(1);
    }

    private String callOrReject(GuardedApi api, String name) {
        try {
            return guard.execute(api, null, () -> "called");
        } catch (QuotaExhaustedException rejected) {
            return name + " rejected";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * With CLEAR_AND_RETRY as the default policy, an exhausted token API made the clear fetch a token through the
     * guard, which cleared again from inside the clear (the lock is reentrant): one exhaustion spent the month's budget.
     */
    @Test
    void clear_whenTheTokenApiIsExhaustedUnderClearAndRetry_spendsOneClear() {
        weChat.setDailyLimit(APP_ID, "/cgi-bin/stable_token", 1);
        weChat.setUsed(APP_ID, "/cgi-bin/stable_token", 1);
        startGuard(guardBuilder().defaultPolicy(QuotaPolicy.CLEAR_AND_RETRY).clears(true, 3));

        ClearResult result = guard.clearNow(APP_ID);

        assertThat(result).isEqualTo(ClearResult.CLEARED);
        assertThat(weChat.clearsUsedThisMonth(APP_ID)).isEqualTo(1);
        assertThat(guard.clearStatus(APP_ID).usedThisMonth()).isEqualTo(1);
    }

    @Test
    void sync_whenTheTokenApiIsExhaustedUnderClearAndRetry_spendsOneClearAndSyncs() {
        weChat.setDailyLimit(APP_ID, "/cgi-bin/stable_token", 1);
        weChat.setUsed(APP_ID, "/cgi-bin/stable_token", 1);
        startGuard(guardBuilder().defaultPolicy(QuotaPolicy.CLEAR_AND_RETRY).clears(true, 3));
        touch(guard.register(ApiDefinition.of(MENU_CREATE)));

        SyncReport report = guard.syncNow().join();

        assertThat(weChat.clearsUsedThisMonth(APP_ID)).isEqualTo(1);
        assertThat(guard.clearStatus(APP_ID).usedThisMonth()).isEqualTo(1);
        assertThat(report.failures()).isEmpty();
    }

    /** A per-minute limit under CLEAR_AND_RETRY spent a monthly clear, which resets only daily counters. */
    @Test
    void clearAndRetry_onAnEmptyMinuteBucket_rejectsWithoutSpendingAClear() throws Exception {
        startGuard(guardBuilder().clears(true, 3));
        GuardedApi api = guard.register(ApiDefinition.builder(CUSTOM_SEND).dailyLimit(100).perMinuteLimit(1)
                .policy(QuotaPolicy.CLEAR_AND_RETRY).build());
        touch(api);

        assertThatThrownBy(() -> guard.execute(api, null, () -> "same minute"))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("per-minute");

        assertThat(weChat.calls("/cgi-bin/clear_quota")).isEmpty();
        assertThat(guard.clearStatus(APP_ID).usedThisMonth()).isZero();
    }

    @Test
    void clearAndRetry_onWeChats45011_rejectsWithoutSpendingAClear() throws Exception {
        weChat.setPerMinuteLimit(APP_ID, CUSTOM_SEND, 1);
        startGuard(guardBuilder().clears(true, 3));
        GuardedApi api = guard.register(ApiDefinition.builder(CUSTOM_SEND).policy(QuotaPolicy.CLEAR_AND_RETRY).build());
        guard.execute(api, null, () -> callWeChat(CUSTOM_SEND));

        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(CUSTOM_SEND)))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("WeChat answered 45011");

        assertThat(weChat.calls("/cgi-bin/clear_quota")).isEmpty();
        assertThat(guard.clearStatus(APP_ID).usedThisMonth()).isZero();
    }

    @Test
    void clearAndRetry_onTheDailyLimitWithAMinuteLimitToo_stillClears() throws Exception {
        startGuard(guardBuilder().clears(true, 3));
        GuardedApi api = guard.register(ApiDefinition.builder(CUSTOM_SEND).dailyLimit(1).perMinuteLimit(10)
                .policy(QuotaPolicy.CLEAR_AND_RETRY).build());
        touch(api);

        assertThat(guard.execute(api, null, () -> "after the clear")).isEqualTo("after the clear");
        assertThat(weChat.clearsUsedThisMonth(APP_ID)).isEqualTo(1);
    }

    // ---- e-waybills -------------------------------------------------------------------------------------------

    /** A balance that shrank was capped to its new size and then lowered by the difference again. */
    @Test
    void waybillBalance_thatShrankElsewhere_isSyncedToWeChatsFigure() throws Throwable {
        weChat.addAccount(new SimulatedAccount(MINI_APP, MINI_SECRET,
                io.github.wechatquota.simulator.AccountType.MINI_PROGRAM));
        weChat.setWaybillBalance(MINI_APP, "YTO", "xyz", 100);
        startGuard(guardBuilder()
                .app(AppSettings.builder(MINI_APP, AccountType.MINI_PROGRAM).secret(MINI_SECRET).build())
                .defaultAppId(APP_ID));
        GuardedApi orders = guard.register(ApiDefinition.of(ORDER_ADD));
        GuardedCall<String> order = new GuardedCall<>() {
            @Override
            public Object proceed(String orderId) {
                return post(ORDER_ADD + "?access_token=" + weChat.issueToken(MINI_APP),
                        "{\"order_id\":\"" + orderId + "\",\"delivery_id\":\"YTO\",\"biz_id\":\"xyz\"}");
            }

            @Override
            public WaybillAccount waybillAccount(String orderId) {
                return new WaybillAccount("YTO", "xyz");
            }
        };
        guard.call(orders, MINI_APP, "order-1", order);
        assertThat(guard.waybills()).singleElement().extracting(WaybillSnapshot::balance)
                .isEqualTo(OptionalLong.of(99));

        weChat.setWaybillBalance(MINI_APP, "YTO", "xyz", 60); // another system used 39
        guard.syncNow().join();

        assertThat(guard.waybills()).singleElement().extracting(WaybillSnapshot::balance)
                .isEqualTo(OptionalLong.of(60));
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    /** After close the sync pool refuses work, and the first call of a new quota failed with its rejection. */
    @Test
    void call_ofANewQuotaAfterClose_isNotBrokenByTheStoppedSyncPool() throws Exception {
        startGuard(guardBuilder().syncOnFirstUse(true));
        GuardedApi api = guard.register(ApiDefinition.of(MENU_CREATE));
        guard.close();

        assertThat(guard.execute(api, null, () -> "during shutdown")).isEqualTo("during shutdown");
    }
}
