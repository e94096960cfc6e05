package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Around midnight the guard's clock and WeChat's may differ by seconds, and calls may cross it. */
class MidnightTest extends EngineTestSupport {

    private GuardedApi menuCreate(long dailyLimit) {
        return guard.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(dailyLimit).policy(QuotaPolicy.REJECT)
                .build());
    }

    private void at(int hour, int minute, int second) {
        clock.set(ZonedDateTime.of(2026, 11, 22, 0, 0, 0, 0, CHINA).plusHours(hour).plusMinutes(minute)
                .plusSeconds(second).toInstant());
    }

    @Test
    void weChat45009JustPastOurMidnight_pausesCallsForSeconds_notForTheWholeDay() throws Exception {
        at(0, 0, 10);
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(100);
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 100);
        weChat.setUsed(APP_ID, MENU_CREATE, 100); // WeChat, its clock behind ours, is still on yesterday

        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                .isInstanceOfSatisfying(QuotaExhaustedException.class, refused ->
                        assertThat(refused.getResetAt()).isBefore(clock.instant().plus(Duration.ofMinutes(1))));
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().orElseThrow()).isPositive();

        weChat.setUsed(APP_ID, MENU_CREATE, 0); // WeChat reaches midnight too
        clock.advance(QuotaCounts.RECHECK_NEAR_MIDNIGHT);
        assertThat(guard.execute(api, null, () -> callWeChat(MENU_CREATE))).contains("\"errcode\":0");
    }

    @Test
    void weChat45009LaterInTheDay_drainsTheQuotaUntilMidnight() {
        at(0, 5, 0);
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(100);
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 100);
        weChat.setUsed(APP_ID, MENU_CREATE, 100);

        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                .isInstanceOf(QuotaExhaustedException.class);

        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().orElseThrow()).isZero();
    }

    @Test
    void syncAnsweredJustPastMidnight_isNotTakenForTheNewDay() {
        at(0, 0, 20);
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(100);
        api.bind(null);
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 100);
        weChat.setUsed(APP_ID, MENU_CREATE, 100); // yesterday's count, from a WeChat still on yesterday

        guard.syncNow().join();

        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(100);
    }

    @Test
    void callInFlightAtMidnight_isTakenFromTheNewDayToo() throws Exception {
        at(23, 59, 59);
        CapturingScheduler scheduler = new CapturingScheduler();
        try {
            startGuard(guardBuilder().scheduler(scheduler));
            GuardedApi api = menuCreate(100);

            guard.execute(api, null, () -> {
                clock.advance(Duration.ofSeconds(2)); // midnight passes while WeChat answers; it counts it on the new day
                scheduler.runOneShotTasks();
                return "ok";
            });

            assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(99);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void newDay_isSyncedOnceWeChatsClockHasSurelyCrossedMidnight() {
        at(23, 59, 59);
        CapturingScheduler scheduler = new CapturingScheduler();
        try {
            startGuard(guardBuilder().scheduler(scheduler));
            menuCreate(100).bind(null);
            clock.advance(Duration.ofSeconds(2));
            scheduler.runOneShotTasks(); // midnight: schedules the new day's sync
            clock.advance(MidnightRollover.SYNC_AFTER);
            weChat.setDailyLimit(APP_ID, MENU_CREATE, 100);
            weChat.setUsed(APP_ID, MENU_CREATE, 30); // another service called early in the new day

            scheduler.runOneShotTasks(); // the sync runs on the guard's sync threads

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(70));
        } finally {
            scheduler.shutdownNow();
        }
    }
}
