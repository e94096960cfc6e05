package io.github.wechatquota.engine;

import static io.github.wechatquota.engine.EngineTestSupport.CHINA;
import static io.github.wechatquota.engine.EngineTestSupport.MENU_CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.simulator.MutableClock;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Leases on a shared store: blocks sized from the rate and what remains, one call at a time near the limit and near
 * midnight, given back at close, dropped with the count they came from, and subtracted by every sync.
 */
class LeaseTest {

    private final MutableClock clock = MutableClock.at(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, CHINA).toInstant(),
            CHINA);
    private final FlakyStore shared = new FlakyStore(clock);

    private KeyStateFixture instance(long dailyLimit) {
        return new KeyStateFixture(clock, CHINA, MENU_CREATE, shared, Leasing.on(), 2)
                .declare(ApiDefinition.builder(MENU_CREATE).dailyLimit(dailyLimit).policy(QuotaPolicy.REJECT).build());
    }

    /** {@code times} calls, {@code millisApart} apart on the clock; returns how many were let through. */
    private int callsApart(KeyStateFixture instance, int times, long millisApart) {
        int through = 0;
        for (int i = 0; i < times; i++) {
            through += instance.call(1);
            clock.advance(Duration.ofMillis(millisApart));
        }
        return through;
    }

    private long sharedTokens(KeyStateFixture instance) {
        return instance.state.counts().daily().available();
    }

    private long leased(KeyStateFixture instance) {
        return instance.state.counts().daily().leased();
    }

    @Test
    void farFromTheLimit_aHundredCallsASecond_takeAFractionOfARoundTripEach() {
        KeyStateFixture instance = instance(1_000_000);
        int before = shared.exchanges.get() + shared.ledger.operations.get();

        int through = callsApart(instance, 2_000, 10);

        int roundTrips = shared.exchanges.get() + shared.ledger.operations.get() - before;
        assertThat(through).isEqualTo(2_000);
        assertThat((double) roundTrips / through).isLessThanOrEqualTo(0.05);
    }

    @Test
    void block_isCappedAtAQuarterOfWhatRemainsSharedByTheExpectedInstances() {
        KeyStateFixture instance = instance(1_000);

        for (int i = 0; i < 300; i++) {
            instance.call(1);
            clock.advance(Duration.ofMillis(1));
            // What a block left in the shared bucket, divided among two instances' blocks at a quarter of it.
            assertThat(leased(instance)).isLessThanOrEqualTo(sharedTokens(instance) / (Lease.SHARE_DIVISOR * 2));
        }
        assertThat(sharedTokens(instance) + leased(instance)).isEqualTo(700);
    }

    @Test
    void nearTheLimit_callsTakeOneTokenAtATime() {
        KeyStateFixture instance = instance(15);

        int through = callsApart(instance, 20, 1);

        assertThat(through).isEqualTo(15);
        assertThat(leased(instance)).isZero();
    }

    @Test
    void withinAMinuteOfMidnight_callsTakeOneTokenAtATime() {
        clock.set(ZonedDateTime.of(2026, 11, 22, 23, 59, 5, 0, CHINA).toInstant());
        KeyStateFixture instance = instance(1_000_000);

        int through = callsApart(instance, 500, 10);

        assertThat(through).isEqualTo(500);
        assertThat(sharedTokens(instance)).isEqualTo(1_000_000 - 500);
        assertThat(leased(instance)).isZero();
    }

    @Test
    void blockTakenBeforeMidnight_isNotSpentInTheLastMinute() {
        clock.set(ZonedDateTime.of(2026, 11, 22, 23, 58, 0, 0, CHINA).toInstant());
        KeyStateFixture instance = instance(1_000_000);
        callsApart(instance, 300, 100);
        assertThat(leased(instance)).isPositive();

        clock.set(ZonedDateTime.of(2026, 11, 22, 23, 59, 1, 0, CHINA).toInstant());

        assertThat(leased(instance)).isZero();
    }

    @Test
    void twoInstancesCallingToTheEnd_letExactlyTheLimitThrough() {
        KeyStateFixture first = instance(1_000);
        KeyStateFixture second = instance(1_000);

        int through = 0;
        for (int round = 0; round < 2_000; round++) {
            through += first.call(3) + second.call(1);
            clock.advance(Duration.ofMillis(2));
        }

        assertThat(through).isEqualTo(1_000);
        assertThat(leased(first) + leased(second)).isZero();
    }

    @Test
    void close_givesTheUnspentBlockBack() {
        KeyStateFixture instance = instance(1_000_000);
        callsApart(instance, 300, 5);
        assertThat(leased(instance)).isPositive();

        instance.state.close();

        assertThat(leased(instance)).isZero();
        assertThat(sharedTokens(instance)).isEqualTo(1_000_000 - 300);
    }

    @Test
    void sync_subtractsEveryInstancesUnspentLeases() {
        KeyStateFixture first = instance(100_000);
        KeyStateFixture second = instance(100_000);
        int calls = callsApart(first, 300, 5) + callsApart(second, 300, 5);
        assertThat(leased(first)).isPositive();
        assertThat(leased(second)).isPositive();

        second.apply(KeyStateFixture.weChatSays(100_000, calls), second.sample());

        assertThat(sharedTokens(second) + leased(first) + leased(second)).isLessThanOrEqualTo(100_000 - calls);
    }

    @Test
    void blockOfAnInstanceThatDied_isFoundAgainByTheFirstSyncAfterItsEntryLapses() {
        KeyStateFixture died = instance(100_000);
        KeyStateFixture survivor = instance(100_000);
        int calls = callsApart(died, 300, 5);
        long lost = leased(died);
        assertThat(lost).isPositive();

        clock.advance(Lease.VALIDITY.plus(Lease.LAPSE_GRACE).plusSeconds(1));
        survivor.apply(KeyStateFixture.weChatSays(100_000, calls), survivor.sample());

        assertThat(sharedTokens(survivor)).isEqualTo(100_000 - calls);
    }

    @Test
    void clear_dropsTheBlockTakenFromTheCountItEnded() {
        KeyStateFixture instance = instance(1_000_000);
        callsApart(instance, 300, 5);
        assertThat(leased(instance)).isPositive();

        instance.state.counts().refillAfterClear(1_000_000);

        assertThat(leased(instance)).isZero();
        assertThat(sharedTokens(instance)).isEqualTo(1_000_000);
    }

    @Test
    void blockPastItsEnd_whileItsEntryStillHolds_isCarriedIntoTheNextBlock_notLost() {
        KeyStateFixture instance = instance(1_000_000);
        int calls = callsApart(instance, 300, 5);
        assertThat(leased(instance)).isPositive();

        clock.advance(Lease.VALIDITY.plusSeconds(5));
        calls += callsApart(instance, 300, 5);

        assertThat(sharedTokens(instance) + leased(instance)).isEqualTo(1_000_000 - calls);
    }

    @Test
    void blockPastItsEntrysLapse_isDropped_andFoundAgainByASync() {
        KeyStateFixture instance = instance(1_000_000);
        int calls = callsApart(instance, 300, 5);
        long held = leased(instance);
        assertThat(held).isPositive();

        clock.advance(Lease.VALIDITY.plus(Lease.LAPSE_GRACE));
        calls += instance.call(1);

        assertThat(sharedTokens(instance) + leased(instance)).isEqualTo(1_000_000 - calls - held);
        instance.apply(KeyStateFixture.weChatSays(1_000_000, calls), instance.sample());
        // Back but for the call spent from the new block since its entry was written: entries overstate, never under.
        assertThat(sharedTokens(instance) + leased(instance)).isBetween(1_000_000L - calls - 1, 1_000_000L - calls);
    }

    @Test
    void clear_holdsBackWhatAnotherInstanceStillHoldsInABlockFromTheEndedCount() {
        KeyStateFixture clearing = instance(1_000_000);
        KeyStateFixture other = instance(1_000_000);
        callsApart(other, 300, 5);
        long held = leased(other);
        assertThat(held).isPositive();

        clearing.state.counts().refillAfterClear(1_000_000);

        assertThat(sharedTokens(clearing) + leased(other)).isLessThanOrEqualTo(1_000_000);
        assertThat(sharedTokens(clearing)).isGreaterThanOrEqualTo(1_000_000 - 2 * held);
    }
}
