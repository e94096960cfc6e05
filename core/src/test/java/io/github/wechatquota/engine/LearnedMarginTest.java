package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LearnedMarginTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);
    private static final long LIMIT = 10_000;

    private final LearnedMargin margin = new LearnedMargin(0.01);

    /** Applies two answers in turn: {@code calls} let through between them, WeChat counting {@code counted}. */
    private void evidence(long calls, long counted) {
        margin.applied(DAY, 1, 1_000, -1, 5_000, true);
        margin.applied(DAY, 2, 1_000 + counted, 5_000 - calls, 4_000, true);
    }

    @Test
    void withoutEvidence_holdsTheCeiling() {
        assertThat(margin.margin(DAY)).isEqualTo(0.01);
        assertThat(margin.observedDrift(DAY)).isNaN();
    }

    @Test
    void farFromTheEnd_releasesAllButTheMarginAboveTheFloor() {
        assertThat(margin.release(5_000, LIMIT, DAY)).isEqualTo(5_000 - 95);
    }

    @Test
    void withinTwiceTheMargin_releasesHalfOfWhatRemains() {
        assertThat(margin.release(190, LIMIT, DAY)).isEqualTo(95);
        assertThat(margin.release(3, LIMIT, DAY)).isEqualTo(2);
        assertThat(margin.release(1, LIMIT, DAY)).isEqualTo(1);
        assertThat(margin.release(0, LIMIT, DAY)).isZero();
    }

    @Test
    void weChatCountingAsTheGuardDoes_bringsTheMarginDownToTheFloor() {
        evidence(1_000, 1_000);

        assertThat(margin.margin(DAY)).isEqualTo(LearnedMargin.FLOOR);
        assertThat(margin.observedDrift(DAY)).isZero();
        assertThat(margin.release(5_000, LIMIT, DAY)).isEqualTo(5_000);
    }

    @Test
    void weChatOverCountingByHalfAPercent_holdsThatPlusTheFloor() {
        evidence(1_000, 1_005);

        assertThat(margin.observedDrift(DAY)).isCloseTo(0.005, within(1e-9));
        assertThat(margin.margin(DAY)).isCloseTo(0.005 + LearnedMargin.FLOOR, within(1e-9));
    }

    @Test
    void overCountBeyondTheCeiling_holdsTheCeiling() {
        evidence(1_000, 1_050);

        assertThat(margin.margin(DAY)).isEqualTo(0.01);
    }

    @Test
    void tooFewCallsBetweenAnswers_isNoEvidenceYet() {
        evidence(10, 10);

        assertThat(margin.margin(DAY)).isEqualTo(0.01);
    }

    @Test
    void answersNotComparable_areNoEvidence() {
        margin.applied(DAY, 1, 1_000, -1, 5_000, true);
        margin.applied(DAY, 2, 2_000, 4_000, 4_000, false);

        assertThat(margin.margin(DAY)).isEqualTo(0.01);
    }

    @Test
    void a45009ThatCameAnyway_holdsTheCeilingForTheRestOfTheDay() {
        evidence(1_000, 1_000);

        margin.widen(DAY);

        assertThat(margin.margin(DAY)).isEqualTo(0.01);
    }

    @Test
    void aNewDay_startsAgainFromTheCeiling() {
        evidence(1_000, 1_000);
        margin.widen(DAY);

        assertThat(margin.margin(DAY.plusDays(1))).isEqualTo(0.01);
        assertThat(margin.lastAppliedAt(DAY.plusDays(1))).isEqualTo(-1);
    }

    @Test
    void theFloor_isNeverAboveTheCeiling() {
        assertThat(new LearnedMargin(0).floor()).isZero();
        assertThat(new LearnedMargin(0).release(7, LIMIT, DAY)).isEqualTo(7);
    }

    @Test
    void callsHeldBack_areWorthAskingForOnTheirDayOnly() {
        margin.released(DAY, 100, 50, 0, 0);

        assertThat(margin.holdsCalls(DAY)).isTrue();
        assertThat(margin.holdsCalls(DAY.plusDays(1))).isFalse();
    }

    @Test
    void leasesCountedByTheLastAnswer_areAskedForOnceTheirRecordsHaveLapsed() {
        margin.released(DAY, 0, 0, 300, 70_000);

        assertThat(margin.holdsCalls(DAY)).isTrue();
        assertThat(margin.mayAsk(69_999, 0)).as("before the lapse").isFalse();
        assertThat(margin.mayAsk(70_000, 0)).isTrue();
        assertThat(margin.mayAsk(75_000, 0)).as("once per answer").isFalse();
    }

    @Test
    void anAnswerWithoutLeasesOrCallsHeldBack_isNotAskedForAgain() {
        margin.released(DAY, 0, 0, 0, 70_000);

        assertThat(margin.holdsCalls(DAY)).isFalse();
        assertThat(margin.mayAsk(80_000, 0)).isFalse();
    }

    @Test
    void a45009_dropsTheLeasesToAskFor() {
        margin.released(DAY, 0, 0, 300, 70_000);

        margin.widen(DAY);

        assertThat(margin.holdsCalls(DAY)).isFalse();
    }
}
