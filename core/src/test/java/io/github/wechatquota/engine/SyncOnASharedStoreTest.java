package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.annotation.QuotaPolicy;
import org.junit.jupiter.api.Test;

/**
 * Instances sharing one store sync the same quota at once (a rolling deployment starts them together): whichever
 * applies WeChat's answer, and however many do, the shared bucket ends at what WeChat says is left, never at that
 * minus another instance's correction.
 */
class SyncOnASharedStoreTest extends EngineTestSupport {

    private final FlakyStore shared = new FlakyStore(clock);

    private KeyStateFixture instance() {
        return new KeyStateFixture(clock, CHINA, MENU_CREATE, shared)
                .declare(ApiDefinition.builder(MENU_CREATE).dailyLimit(1000).policy(QuotaPolicy.REJECT).build());
    }

    /**
     * Two instances sample the shared bucket, then each applies WeChat's answer that 300 were used (700 remain): each
     * answer alone moves the bucket from 1000 to 700. Returns the second, which applies last.
     */
    private KeyStateFixture twoInstancesSyncFromOneSharedState(KeyStateFixture first) {
        KeyStateFixture second = instance();
        SyncSample firstSample = first.sample();
        SyncSample secondSample = second.sample();
        first.apply(KeyStateFixture.weChatSays(1000, 300), firstSample);
        second.apply(KeyStateFixture.weChatSays(1000, 300), secondSample);
        return second;
    }

    @Test
    void twoInstancesApplyingAnswersSampledFromOneSharedState_moveTheBucketOnce() {
        KeyStateFixture first = instance();

        KeyStateFixture second = twoInstancesSyncFromOneSharedState(first);

        assertThat(first.remaining()).isEqualTo(700);
        assertThat(second.remaining()).isEqualTo(700);
    }

    @Test
    void instanceThatLostTheRace_takesOverTheAppliedLimits() {
        KeyStateFixture second = twoInstancesSyncFromOneSharedState(instance());

        assertThat(second.state.snapshot().source()).isEqualTo(LimitSource.SYNCED);
        assertThat(second.state.snapshot().lastSyncedAt()).contains(clock.instant());
    }

    @Test
    void laterSyncSampledAfterTheFirstWasApplied_isAppliedToo() {
        KeyStateFixture first = instance();
        KeyStateFixture second = instance();
        first.apply(KeyStateFixture.weChatSays(1000, 300), first.sample());
        clock.advance(java.time.Duration.ofMinutes(10));
        second.call(50);

        second.apply(KeyStateFixture.weChatSays(1000, 400), second.sample());

        assertThat(second.remaining()).isEqualTo(600);
    }

    @Test
    void aSyncAppliedByOneInstance_doesNotGiveBackAnotherInstancesCallsInFlight() {
        KeyStateFixture first = instance();
        KeyStateFixture second = instance();
        for (int i = 0; i < 3; i++) {
            first.state.counts().tryAcquire(1); // sent, not yet counted by WeChat
            second.state.counts().tryAcquire(1);
        }

        first.apply(KeyStateFixture.weChatSays(1000, 0), first.sample());

        assertThat(first.remaining()).isLessThanOrEqualTo(1000 - 6);
    }

    @Test
    void theNewDaysFirstSync_isAppliedAlthoughYesterdaysFirstSyncStartedFromNoRecordToo() {
        clock.set(java.time.ZonedDateTime.of(2026, 11, 22, 23, 50, 0, 0, CHINA).toInstant());
        KeyStateFixture instance = instance();
        instance.apply(KeyStateFixture.weChatSays(1000, 900), instance.sample());
        clock.advance(java.time.Duration.ofMinutes(20)); // 00:10, the new day: no sync recorded on it yet

        instance.apply(KeyStateFixture.weChatSays(1000, 300), instance.sample());

        assertThat(instance.remaining()).isEqualTo(700);
    }
}
