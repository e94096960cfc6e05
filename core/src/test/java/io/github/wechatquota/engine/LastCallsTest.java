package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * The end of a quota, over HTTP against the simulator: the margin is held until WeChat confirms what remains, and the
 * last calls are released half at a time, each half asked of WeChat first.
 */
class LastCallsTest extends EngineTestSupport {

    private static final long LIMIT = 2_000;
    private static final String QUOTA_GET = "/cgi-bin/openapi/quota/get";

    private int reachedWeChat;
    private int limitedByWeChat;

    /** Calls until refused twice in a row, a second apart (as later callers would come); returns the calls made. */
    private int callUntilRefused(GuardedApi api) throws Exception {
        boolean refusedLast = false;
        while (true) {
            try {
                guard.execute(api, null, () -> callWeChat(MENU_CREATE));
                reachedWeChat++;
                refusedLast = false;
            } catch (QuotaExhaustedException refused) {
                if (refused.getMessage().contains("WeChat answered")) {
                    limitedByWeChat++; // REJECT turns WeChat's 45009 into this refusal
                }
                if (refusedLast) {
                    return reachedWeChat;
                }
                refusedLast = true;
                clock.advance(Duration.ofSeconds(2));
            }
        }
    }

    private GuardedApi startWithMargin(double margin) {
        weChat.setDailyLimit(APP_ID, MENU_CREATE, LIMIT);
        startGuard(guardBuilder().safetyMargin(margin));
        GuardedApi api = guard.register(ApiDefinition.of(MENU_CREATE));
        api.bind(null);
        guard.syncNow().join();
        return api;
    }

    @Test
    void weChatCountingAsTheGuardDoes_allButTheFloorIsUsed_andNo45009() throws Exception {
        GuardedApi api = startWithMargin(0.01);

        callUntilRefused(api);

        assertThat(limitedByWeChat).isZero();
        assertThat(reachedWeChat).isGreaterThanOrEqualTo((int) (LIMIT * (1 - LearnedMargin.FLOOR)));
    }

    @Test
    void weChatOverCountingByOnePercent_no45009_andWhatItAdmitsIsUsed() throws Exception {
        weChat.setDrift(0.01);
        GuardedApi api = startWithMargin(0.01);

        callUntilRefused(api);

        assertThat(limitedByWeChat).isZero();
        assertThat(reachedWeChat).isGreaterThanOrEqualTo((int) (LIMIT / 1.01 * 0.995));
    }

    @Test
    void theMarginHeld_isNotHandedOutBeforeWeChatIsAsked() {
        startWithMargin(0.01);

        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().getAsLong())
                .isEqualTo(LIMIT - (long) (LIMIT * (0.01 - LearnedMargin.FLOOR)) - (long) (LIMIT * LearnedMargin.FLOOR));
    }

    @Test
    void aPathWeChatCannotBeAskedAbout_keepsTheWholeMarginOutOfTheBucket() {
        startGuard(guardBuilder().safetyMargin(0.01));
        GuardedApi sns = guard.register(ApiDefinition.builder("/sns/userinfo").dailyLimit(1_000).build());
        sns.bind(null);

        assertThat(guard.snapshot(APP_ID, "/sns/userinfo").orElseThrow().remaining().getAsLong()).isEqualTo(990);
    }

    @Test
    void syncsShowingWeChatCountsAsTheGuardDoes_bringTheMarginDownToTheFloor() throws Exception {
        GuardedApi api = startWithMargin(0.01);
        for (int i = 0; i < 100; i++) {
            guard.execute(api, null, () -> callWeChat(MENU_CREATE));
        }

        guard.syncNow().join();

        QuotaSnapshot snapshot = guard.snapshot(APP_ID, MENU_CREATE).orElseThrow();
        assertThat(snapshot.margin()).isEqualTo(LearnedMargin.FLOOR);
        assertThat(snapshot.observedDrift()).hasValue(0.0);
    }

    @Test
    void a45009ThatCameAnyway_putsTheMarginBackAtItsCeiling() throws Exception {
        GuardedApi api = startWithMargin(0.01);
        for (int i = 0; i < 100; i++) {
            guard.execute(api, null, () -> callWeChat(MENU_CREATE));
        }
        guard.syncNow().join();
        weChat.setUsed(APP_ID, MENU_CREATE, LIMIT); // another service spent the rest behind the guard's back

        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                .isInstanceOf(QuotaExhaustedException.class).hasMessageContaining("WeChat answered 45009");

        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().margin()).isEqualTo(0.01);
    }

    @Test
    void aSyncBringingASmallerLimit_holdsTheMarginOfThatLimit() throws Exception {
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 3);
        startGuard(guardBuilder().safetyMargin(0.01));
        GuardedApi api = guard.register(ApiDefinition.of(MENU_CREATE)); // the catalog's 1,000 until WeChat answers
        guard.execute(api, null, () -> callWeChat(MENU_CREATE));

        guard.syncNow().join();

        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(2);
    }

    @Test
    void nearMidnight_anEmptyBucketDoesNotAskWeChat_whoseAnswerCouldNotBeApplied() throws Exception {
        clock.set(ZonedDateTime.of(2026, 11, 22, 23, 50, 0, 0, CHINA).toInstant());
        GuardedApi api = startWithMargin(0.01);
        long released = guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().getAsLong();
        for (long i = 0; i < released; i++) {
            guard.execute(api, null, () -> "counted here only"); // WeChat not called: its count stays at 0
        }
        clock.set(ZonedDateTime.of(2026, 11, 22, 23, 59, 57, 0, CHINA).toInstant());
        int asked = weChat.calls(QUOTA_GET).size();

        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                .isInstanceOf(QuotaExhaustedException.class);

        assertThat(weChat.calls(QUOTA_GET)).hasSize(asked);
    }

    @Test
    void laterInTheDay_anEmptyBucketAsksWeChatForWhatTheMarginHeld() throws Exception {
        GuardedApi api = startWithMargin(0.01);
        long released = guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().getAsLong();
        for (long i = 0; i < released; i++) {
            guard.execute(api, null, () -> "counted here only");
        }
        int asked = weChat.calls(QUOTA_GET).size();

        guard.execute(api, null, () -> "after asking");

        assertThat(weChat.calls(QUOTA_GET)).hasSize(asked + 1);
    }

    @Test
    void aQuotaRefusedAfterWeChatConfirmedItUsedUp_isNotAskedAgainAtEveryRefusedCall() throws Exception {
        GuardedApi api = startWithMargin(0.01);
        callUntilRefused(api);
        int asked = weChat.calls(QUOTA_GET).size();

        for (int minute = 1; minute <= 10; minute++) {
            clock.advance(java.time.Duration.ofMinutes(1));
            assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                    .isInstanceOf(QuotaExhaustedException.class);
        }

        assertThat(weChat.calls(QUOTA_GET).size() - asked).as("asks in ten minutes of refused calls")
                .isLessThanOrEqualTo(1);
    }
}
