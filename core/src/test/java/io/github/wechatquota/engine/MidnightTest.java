package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Around midnight the guard's clock and WeChat's may differ by seconds (up to {@link QuotaDays#MIDNIGHT_SKEW}), and
 * calls may cross it. Here both clocks agree; {@link MidnightSkewTest} sets them apart.
 */
class MidnightTest extends EngineTestSupport {

    private final CapturingScheduler scheduler = new CapturingScheduler();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private GuardedApi menuCreate(long dailyLimit) {
        return guard.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(dailyLimit).policy(QuotaPolicy.REJECT)
                .build());
    }

    private void at(int hour, int minute, int second) {
        clock.set(ZonedDateTime.of(2026, 11, 22, 0, 0, 0, 0, CHINA).plusHours(hour).plusMinutes(minute)
                .plusSeconds(second).toInstant());
    }

    private long remaining() {
        return guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().orElseThrow();
    }

    /** A guard whose midnight tasks run when the test says; the window opens at once when started within it. */
    private GuardedApi startAt(int hour, int minute, int second, long dailyLimit) {
        at(hour, minute, second);
        startGuard(guardBuilder().scheduler(scheduler));
        GuardedApi api = menuCreate(dailyLimit);
        api.bind(null);
        scheduler.runOneShotTasks();
        return api;
    }

    /** Moves the clock and runs the midnight tasks that are due (those not yet due schedule themselves again). */
    private void advanceAndRunMidnightTasks(Duration by) {
        clock.advance(by);
        scheduler.runOneShotTasks();
    }

    @Test
    void callsPermittedInTheLastSecondsBeforeMidnight_areChargedToTheNewDay() throws Exception {
        GuardedApi api = startAt(23, 59, 50, 100);
        advanceAndRunMidnightTasks(Duration.ofSeconds(7)); // 23:59:57: the window opens
        for (int i = 0; i < 10; i++) {
            guard.execute(api, null, () -> "counted on either day by WeChat");
        }

        advanceAndRunMidnightTasks(Duration.ofSeconds(4)); // 00:00:01: the rollover

        assertThat(remaining()).isEqualTo(90);
    }

    @Test
    void callsPermittedBeforeTheWindow_areNotChargedToTheNewDay() throws Exception {
        GuardedApi api = startAt(23, 59, 50, 100);
        for (int i = 0; i < 10; i++) {
            guard.execute(api, null, () -> "answered long before midnight");
        }
        advanceAndRunMidnightTasks(Duration.ofSeconds(7));

        advanceAndRunMidnightTasks(Duration.ofSeconds(4));

        assertThat(remaining()).isEqualTo(100);
    }

    @Test
    void aCallAnsweredAfterMidnightButBeforeALateRollover_isStillChargedToTheNewDay() throws Exception {
        GuardedApi api = startAt(23, 59, 59, 100);

        guard.execute(api, null, () -> {
            clock.advance(Duration.ofSeconds(2)); // WeChat counts it on the new day; the rollover has not run yet
            return "ok";
        });
        advanceAndRunMidnightTasks(Duration.ofSeconds(1));

        assertThat(remaining()).isEqualTo(99);
    }

    @Test
    void callsPermittedAfterMidnightBeforeALateRollover_areChargedOnce() throws Exception {
        GuardedApi api = startAt(23, 59, 58, 100);
        clock.advance(Duration.ofSeconds(3)); // the rollover is late
        for (int i = 0; i < 5; i++) {
            guard.execute(api, null, () -> "the new day's");
        }

        scheduler.runOneShotTasks();

        assertThat(remaining()).isEqualTo(95);
    }

    @Test
    void newDaysFirstSync_runsJustPastTheToleratedSkew_andGivesBackWhatTheWindowChargedTwice() throws Exception {
        GuardedApi api = startAt(23, 59, 57, 100);
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 100);
        for (int i = 0; i < 10; i++) {
            guard.execute(api, null, () -> callWeChat(MENU_CREATE)); // WeChat counts them on the day that ends
        }
        advanceAndRunMidnightTasks(Duration.ofSeconds(4));
        assertThat(remaining()).isEqualTo(90);
        clock.advance(MidnightRollover.SYNC_AFTER.minusSeconds(1)); // W and a second after midnight

        scheduler.runOneShotTasks(); // the sync runs on the guard's sync threads

        assertThat(MidnightRollover.SYNC_AFTER).isLessThanOrEqualTo(Duration.ofSeconds(10));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(remaining()).isEqualTo(100));
    }

    @Test
    void newDaysFirstSync_asksOnlyQuotasTheWindowCharged_andLeavesIdleOnesToTheirFirstUse() throws Exception {
        GuardedApi api = startAt(23, 59, 57, 100);
        GuardedApi idle = guard.register(ApiDefinition.builder("/cgi-bin/message/custom/send").dailyLimit(100)
                .policy(QuotaPolicy.REJECT).build());
        idle.bind(null);
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 100);
        guard.execute(api, null, () -> callWeChat(MENU_CREATE)); // in the window: charged to the new day as well
        advanceAndRunMidnightTasks(Duration.ofSeconds(4));
        clock.advance(MidnightRollover.SYNC_AFTER.minusSeconds(1));

        scheduler.runOneShotTasks();

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(remaining()).isEqualTo(100));
        assertThat(weChat.calls("/cgi-bin/openapi/quota/get")).hasSize(1);
    }

    @Test
    void newDaysFirstSync_asksAQuotaUsedJustAfterOurMidnight_whoseCallsWeChatMayCountOnItsOldDay() throws Exception {
        GuardedApi api = startAt(23, 59, 57, 100);
        GuardedApi idle = guard.register(ApiDefinition.builder("/cgi-bin/message/custom/send").dailyLimit(100)
                .policy(QuotaPolicy.REJECT).build());
        idle.bind(null);
        advanceAndRunMidnightTasks(Duration.ofSeconds(4)); // rolled over with nothing charged
        guard.execute(api, null, () -> "sent a second after our midnight");
        clock.advance(MidnightRollover.SYNC_AFTER.minusSeconds(1));

        scheduler.runOneShotTasks();

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(weChat.calls("/cgi-bin/openapi/quota/get")).hasSize(1));
    }

    @Test
    void syncAnsweredWithinTheSkewAfterMidnight_isNotTakenForTheNewDay() {
        GuardedApi api = startAt(0, 0, 3, 100);
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 100);
        weChat.setUsed(APP_ID, MENU_CREATE, 100); // yesterday's count, from a WeChat still on yesterday

        guard.syncNow().join();

        assertThat(remaining()).isEqualTo(100);
    }

    @Test
    void syncAnsweredAMinuteBeforeMidnight_isApplied() {
        startAt(23, 59, 0, 100);
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 100);
        weChat.setUsed(APP_ID, MENU_CREATE, 30);

        guard.syncNow().join();

        assertThat(remaining()).isEqualTo(70);
    }

    @Test
    void weChat45009JustPastOurMidnight_neitherDrainsNorWidens_andWeChatIsAskedWithinASecond() throws Exception {
        GuardedApi api = startAt(0, 0, 1, 100);
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 100);
        weChat.setUsed(APP_ID, MENU_CREATE, 100); // WeChat, its clock behind ours, is still on yesterday

        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                .isInstanceOfSatisfying(QuotaExhaustedException.class, refused ->
                        assertThat(refused.getResetAt()).isBefore(clock.instant().plus(QuotaDays.MIDNIGHT_SKEW)));
        assertThat(remaining()).isPositive();

        weChat.setUsed(APP_ID, MENU_CREATE, 0); // WeChat reaches midnight too
        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.execute(api, null, () -> callWeChat(MENU_CREATE))).contains("\"errcode\":0");
        assertThat(weChat.calls(MENU_CREATE)).hasSize(2);
    }

    @Test
    void weChat45009LaterInTheDay_drainsTheQuotaUntilMidnight() {
        GuardedApi api = startAt(0, 5, 0, 100);
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 100);
        weChat.setUsed(APP_ID, MENU_CREATE, 100);

        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                .isInstanceOf(QuotaExhaustedException.class);

        assertThat(remaining()).isZero();
    }
}
