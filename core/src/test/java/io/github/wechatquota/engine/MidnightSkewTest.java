package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Midnight over HTTP against a simulator whose clock is seconds apart from the guard's, as a WeChat server's is from an
 * instance's: neither the new day is lost nor a 45009 caused.
 */
class MidnightSkewTest extends EngineTestSupport {

    private static final long LIMIT = 100;

    private final CapturingScheduler scheduler = new CapturingScheduler();
    private MutableClock weChatClock;
    private GuardedApi api;

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    /**
     * The guard at {@code second} seconds before midnight, WeChat {@code skew} behind it (ahead when negative), its day
     * with {@code used} of {@code LIMIT} calls counted; the guard has synced.
     */
    private void start(int secondsBeforeMidnight, Duration skew, long used) {
        clock.set(ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, CHINA).minusSeconds(secondsBeforeMidnight).toInstant());
        weChat.close();
        weChatClock = MutableClock.at(clock.instant().minus(skew), CHINA);
        weChat = WeChatSimulator.builder().clock(weChatClock).account(APP_ID, SECRET, AccountType.OFFICIAL_ACCOUNT)
                .start();
        weChat.setDailyLimit(APP_ID, MENU_CREATE, LIMIT);
        weChat.setUsed(APP_ID, MENU_CREATE, used);
        startGuard(guardBuilder().scheduler(scheduler));
        api = guard.register(ApiDefinition.builder(MENU_CREATE).policy(QuotaPolicy.REJECT).build());
        api.bind(null);
        guard.syncNow().join();
        scheduler.runOneShotTasks();
    }

    /** Both clocks move; the guard's midnight tasks that are due run. */
    private void advance(Duration by) {
        clock.advance(by);
        weChatClock.advance(by);
        scheduler.runOneShotTasks();
    }

    private String call() throws Throwable {
        return (String) guard.execute(api, null, () -> callWeChat(MENU_CREATE));
    }

    private long refusedByWeChat() {
        return weChat.calls(MENU_CREATE).stream().filter(call -> call.errcode() == 45009).count();
    }

    @Test
    void anInstanceAheadOfWeChat_doesNotSendIntoAUsedUpOldDay() throws Throwable {
        start(10, Duration.ofSeconds(3), LIMIT);
        advance(Duration.ofSeconds(7)); // 3 s before the guard's midnight: the window opens
        assertThatThrownBy(this::call).isInstanceOf(QuotaExhaustedException.class);
        advance(Duration.ofSeconds(4)); // the guard's new day, WeChat still 2 s before its midnight

        assertThatThrownBy(this::call).isInstanceOf(QuotaExhaustedException.class);
        advance(Duration.ofSeconds(1));
        assertThatThrownBy(this::call).isInstanceOf(QuotaExhaustedException.class);
        advance(Duration.ofSeconds(2)); // WeChat's new day too

        assertThat(call()).contains("\"errcode\":0");
        assertThat(weChat.calls(MENU_CREATE)).hasSize(1);
    }

    @Test
    void anInstanceAheadOfWeChat_holdsItsNewDayAlthoughTheRolloverTaskRunsLate() throws Throwable {
        start(10, Duration.ofSeconds(3), LIMIT);
        advance(Duration.ofSeconds(7));
        assertThatThrownBy(this::call).isInstanceOf(QuotaExhaustedException.class);
        clock.advance(Duration.ofSeconds(4)); // the guard's new day; its midnight task has not run yet
        weChatClock.advance(Duration.ofSeconds(4));

        assertThatThrownBy(this::call).isInstanceOf(QuotaExhaustedException.class);

        assertThat(weChat.calls(MENU_CREATE)).isEmpty();
    }

    @Test
    void anInstanceBehindWeChat_chargesTheNewDayWithWhatItSentAfterWeChatsMidnight() throws Throwable {
        start(10, Duration.ofSeconds(-3), 0);
        advance(Duration.ofSeconds(8)); // 2 s before the guard's midnight, 1 s after WeChat's
        for (int i = 0; i < 20; i++) {
            assertThat(call()).contains("\"errcode\":0"); // WeChat counts these on its new day
        }
        advance(Duration.ofSeconds(3)); // the guard's midnight

        int sent = 0;
        while (true) {
            try {
                assertThat(call()).contains("\"errcode\":0");
                sent++;
            } catch (QuotaExhaustedException refused) {
                break;
            }
        }

        assertThat(sent).isEqualTo(LIMIT - 20);
        assertThat(weChat.calls(MENU_CREATE)).hasSize((int) LIMIT);
    }

    @Test
    void anInstanceBehindWeChat_whoseOldDayWasUsedUp_hasItsNewDayConfirmedAtOnce() throws Throwable {
        start(10, Duration.ofSeconds(-3), LIMIT);
        advance(Duration.ofSeconds(8));
        assertThatThrownBy(this::call).isInstanceOf(QuotaExhaustedException.class); // the guard's old day is used up
        advance(Duration.ofSeconds(3)); // the guard's midnight, 3 s after WeChat's

        assertThat(call()).contains("\"errcode\":0");
        assertThat(refusedByWeChat()).isZero();
    }
}
