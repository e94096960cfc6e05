package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The periodic rounds ask WeChat only about quotas whose answer can matter: in use for the first time today, past a
 * share of the limit, in use all interval long, or after a 45009 the guard did not expect. A round runs every tenth of
 * {@code sync.interval} (a minute here), one at a time as the test says; the clock moves with it.
 */
class SyncDemandTest extends EngineTestSupport {

    private static final String QUOTA_GET = "/cgi-bin/openapi/quota/get";

    private final CapturingScheduler scheduler = new CapturingScheduler();
    private GuardedApi send;

    @BeforeEach
    void startGuard() {
        weChat.setDailyLimit(APP_ID, CUSTOM_SEND, 100);
        startGuard(guardBuilder().syncInterval(Duration.ofMinutes(10)).scheduler(scheduler));
        send = guard.register(ApiDefinition.builder(CUSTOM_SEND).policy(QuotaPolicy.REJECT).build());
        send.bind(APP_ID);
        guard.syncNow().join(); // as at start-up: today's answer is known
        rounds(1); // the token API, used for that sync's token, is asked about once too
        weChat.resetCalls();
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void aQuotaNobodyCalls_isNotAsked() {
        rounds(30);

        assertThat(reachedWeChat(QUOTA_GET)).isZero();
    }

    @Test
    void aQuotaInUse_isNotAskedAgainBeforeItCrossesAShareOrAnIntervalPasses() throws Exception {
        calls(10);
        rounds(1);
        calls(30); // 40 of 100: below a half

        rounds(1);

        assertThat(reachedWeChat(QUOTA_GET)).isZero();
    }

    @Test
    void crossingHalfTheLimit_asksInTheNextRound() throws Exception {
        calls(55);

        rounds(1);

        assertThat(reachedWeChat(QUOTA_GET)).isEqualTo(1);
    }

    @Test
    void theFirstUseOfANewDay_asksInTheNextRound() throws Exception {
        clock.advance(Duration.ofDays(1));
        calls(1);

        rounds(1);

        assertThat(reachedWeChat(QUOTA_GET)).isEqualTo(1);
    }

    @Test
    void aQuotaInUseFarFromItsLimit_isNotAskedPeriodically() throws Exception {
        for (int minute = 0; minute < 30; minute++) {
            calls(1);
            rounds(1);
        }

        assertThat(reachedWeChat(QUOTA_GET)).isZero();
    }

    @Test
    void aQuotaInUsePastHalfItsLimit_isAskedOncePerInterval() throws Exception {
        calls(50);
        rounds(1); // crossed a half: asked
        for (int minute = 0; minute < 20; minute++) {
            calls(1);
            rounds(1);
        }

        // At the crossing, then once each ten minutes of use: 60 and 70 of 100 cross no other share.
        assertThat(reachedWeChat(QUOTA_GET)).isEqualTo(3);
    }

    @Test
    void anUnexpected45009_asksInTheNextRound_andOnlyThen() throws Exception {
        weChat.faults().nextErrcode(CUSTOM_SEND, 45009, 1);
        assertThatThrownBy(() -> guard.execute(send, APP_ID, () -> callWeChat(CUSTOM_SEND)))
                .isInstanceOf(QuotaExhaustedException.class);
        weChat.resetCalls();

        rounds(1);
        long askedInTheNextRound = reachedWeChat(QUOTA_GET);
        rounds(5);

        assertThat(askedInTheNextRound).isEqualTo(1);
        assertThat(reachedWeChat(QUOTA_GET)).isEqualTo(1);
    }

    private void calls(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            guard.execute(send, APP_ID, () -> callWeChat(CUSTOM_SEND)); // WeChat counts them too
        }
    }

    /** Runs {@code count} rounds, a minute apart. */
    private void rounds(int count) {
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofMinutes(1));
            scheduler.runPeriodicTasks();
        }
    }
}
