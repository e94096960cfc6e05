package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.QuotaStoreUnavailableException;
import io.github.wechatquota.annotation.QuotaPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreFailureTest extends EngineTestSupport {

    private final FlakyStore store = new FlakyStore(clock);

    private GuardedApi menuCreate(long dailyLimit) {
        return guard.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(dailyLimit).policy(QuotaPolicy.REJECT)
                .build());
    }

    private int callsUntilRejected(GuardedApi api, int most) {
        int permitted = 0;
        try {
            while (permitted < most) {
                guard.execute(api, null, () -> "ok");
                permitted++;
            }
        } catch (QuotaExhaustedException expected) {
            // the share is used up
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return permitted;
    }

    @Test
    void failClosed_refusesCallsWhileTheStoreIsAway() throws Exception {
        startGuard(guardBuilder().store(store).onStoreFailure(StoreFailureMode.FAIL_CLOSED, 2));
        GuardedApi api = menuCreate(100);
        guard.execute(api, null, () -> "bucket created");
        store.cut();

        assertThatThrownBy(() -> guard.execute(api, null, () -> "call"))
                .isInstanceOf(QuotaStoreUnavailableException.class)
                .hasMessageContaining("flaky")
                .hasMessageContaining(MENU_CREATE)
                .hasMessageContaining("fail-closed");
        assertThat(guard.storeStatus().reachable()).isFalse();
    }

    @Test
    void failOpen_letsCallsThroughUncounted() throws Exception {
        startGuard(guardBuilder().store(store).onStoreFailure(StoreFailureMode.FAIL_OPEN, 2));
        GuardedApi api = menuCreate(1);
        guard.execute(api, null, () -> "uses the only token");
        store.cut();

        assertThat(guard.execute(api, null, () -> "through anyway")).isEqualTo("through anyway");
    }

    @Test
    void localFallback_countsAConservativeShareOfTheLastKnownRemainder() throws Exception {
        startGuard(guardBuilder().store(store).onStoreFailure(StoreFailureMode.LOCAL_FALLBACK, 4));
        GuardedApi api = menuCreate(100);
        guard.execute(api, null, () -> "first");
        guard.snapshots(); // reads the bucket: 99 left
        store.cut();

        assertThat(callsUntilRejected(api, 1000)).isEqualTo(99 / 4);
    }

    @Test
    void localFallback_doesNotAskTheStoreOnEveryCall() throws Exception {
        startGuard(guardBuilder().store(store).onStoreFailure(StoreFailureMode.LOCAL_FALLBACK, 1));
        GuardedApi api = menuCreate(100);
        guard.execute(api, null, () -> "first");
        guard.snapshots();
        store.cut();

        callsUntilRejected(api, 20);

        assertThat(store.attemptsWhileDown.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void storeBack_takesWhatWasCountedLocallyFromTheSharedCount() throws Exception {
        startGuard(guardBuilder().store(store).onStoreFailure(StoreFailureMode.LOCAL_FALLBACK, 1));
        GuardedApi api = menuCreate(100);
        guard.execute(api, null, () -> "first");
        guard.snapshots();
        store.cut();
        for (int i = 0; i < 10; i++) {
            guard.execute(api, null, () -> "counted locally");
        }
        store.restore();
        clock.advance(StoreCircuit.RETRY_AFTER.plusMillis(100));

        guard.execute(api, null, () -> "the store again");

        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(100 - 1 - 10 - 1);
        assertThat(guard.storeStatus().reachable()).isTrue();
    }

    @Test
    void storeDownAtStartUp_underLocalFallback_registersAndServesAShareOfWhatWeChatSaysRemains() throws Exception {
        weChat.setUsed(APP_ID, MENU_CREATE, 20);
        store.cut();
        startGuard(guardBuilder().store(store).onStoreFailure(StoreFailureMode.LOCAL_FALLBACK, 4));
        GuardedApi api = menuCreate(100);
        api.bind(null);

        guard.syncNow().join();

        assertThat(guard.storeStatus().reachable()).isFalse();
        assertThat(callsUntilRejected(api, 1000)).isEqualTo((100 - 20) / 4);
    }

    @Test
    void storeDownAtStartUp_underFailOpen_registersAndLetsCallsThrough() throws Exception {
        store.cut();
        startGuard(guardBuilder().store(store).onStoreFailure(StoreFailureMode.FAIL_OPEN, 2));
        GuardedApi api = menuCreate(1);

        assertThat(guard.execute(api, null, () -> "first")).isEqualTo("first");
        assertThat(guard.execute(api, null, () -> "second, uncounted")).isEqualTo("second, uncounted");
    }

    @Test
    void storeDownAtStartUp_underFailClosed_registersButRefusesCalls() {
        store.cut();
        startGuard(guardBuilder().store(store).onStoreFailure(StoreFailureMode.FAIL_CLOSED, 2));
        GuardedApi api = menuCreate(100);

        assertThatThrownBy(() -> guard.execute(api, null, () -> "call"))
                .isInstanceOf(QuotaStoreUnavailableException.class)
                .hasMessageContaining("fail-closed");
        assertThat(weChat.calls(MENU_CREATE)).isEmpty();
    }

    @Test
    void storeAppearingAfterStartUp_isJoinedAndTakesWhatWasCountedMeanwhile() throws Exception {
        store.cut();
        startGuard(guardBuilder().store(store).onStoreFailure(StoreFailureMode.LOCAL_FALLBACK, 1));
        GuardedApi api = menuCreate(100);
        for (int i = 0; i < 7; i++) {
            guard.execute(api, null, () -> "counted locally");
        }
        store.restore();
        clock.advance(StoreCircuit.RETRY_AFTER.plusMillis(1));

        guard.execute(api, null, () -> "the store at last");

        assertThat(guard.storeStatus().reachable()).isTrue();
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(100 - 7 - 1);
    }

    @Test
    void lostBucket_isRebuiltFromWeChatsCount_notAFreshDay() throws Exception {
        weChat.setUsed(APP_ID, MENU_CREATE, 40);
        startGuard(guardBuilder().store(store));
        GuardedApi api = guard.register(ApiDefinition.of(MENU_CREATE));
        guard.execute(api, null, () -> "first");
        store.lose("wxq:" + APP_ID + ":" + MENU_CREATE);

        guard.execute(api, null, () -> "right after the loss");

        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(1000 - 40 - 1);
    }

    @Test
    void lostBucket_whenWeChatCannotSay_staysEmptyRatherThanFull() throws Exception {
        startGuard(guardBuilder().store(store));
        GuardedApi api = guard.register(ApiDefinition.of(MENU_CREATE));
        guard.execute(api, null, () -> "first");
        store.lose("wxq:" + APP_ID + ":" + MENU_CREATE);
        weChat.faults().rate(io.github.wechatquota.simulator.Fault.HTTP_500, 1.0);

        assertThatThrownBy(() -> guard.execute(api, null, () -> "right after the loss"))
                .isInstanceOf(QuotaExhaustedException.class);
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().orElseThrow()).isZero();
    }

    @Test
    void periodicSyncOfASharedStore_isClaimedByOneInstance() {
        CapturingScheduler firstScheduler = new CapturingScheduler();
        CapturingScheduler secondScheduler = new CapturingScheduler();
        QuotaGuard first = startGuard(guardBuilder().store(store).syncInterval(Duration.ofMinutes(10))
                .scheduler(firstScheduler));
        QuotaGuard second = guardBuilder().store(store).syncInterval(Duration.ofMinutes(10)).scheduler(secondScheduler)
                .build();
        try {
            touch(first, first.register(ApiDefinition.of(MENU_CREATE)));
            touch(second, second.register(ApiDefinition.of(MENU_CREATE)));
            int before = weChat.calls("/cgi-bin/openapi/quota/get").size();

            firstScheduler.runPeriodicTasks();
            secondScheduler.runPeriodicTasks();

            assertThat(weChat.calls("/cgi-bin/openapi/quota/get").size() - before).isEqualTo(1);
            assertThat(second.snapshot(APP_ID, MENU_CREATE).orElseThrow().source()).isEqualTo(LimitSource.SYNCED);
        } finally {
            second.close();
            firstScheduler.shutdownNow();
            secondScheduler.shutdownNow();
        }
    }

    private static void touch(QuotaGuard guard, GuardedApi api) {
        try {
            guard.execute(api, null, () -> "touch");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
