package io.github.wechatquota.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The robust rate of one quota's readings, read every five minutes over an hour. */
class ReadingsTest {

    private static final long DAY = 20_000;
    private static final long FIVE_MINUTES = 300;
    private static final long HOUR = 3_600;

    private final Readings readings = new Readings();

    @Test
    void rate_countGrowingInStepsAtEachSync_isTheAverageRate() {
        // 600 calls made elsewhere show up at each ten-minute sync: one reading in two sees a step, the other none.
        long used = 0;
        for (long second = 0; second <= 2 * HOUR; second += FIVE_MINUTES) {
            if (second % 600 == 0) {
                used += 600;
            }
            record(second, used);
        }

        assertThat(readings.rate(900).orElseThrow()).isCloseTo(1.0, within(0.01));
    }

    @Test
    void rate_burstShorterThanAQuarterOfTheWindow_isLeftOut() {
        long used = 0;
        for (long second = 0; second <= HOUR; second += FIVE_MINUTES) {
            used += second == 1_800 ? 50_000 : 300;
            record(second, used);
        }

        assertThat(readings.rate(900).orElseThrow()).isCloseTo(1.0, within(0.01));
    }

    @Test
    void rate_sustainedTripling_isHalfwayThereAfterHalfTheWindow() {
        long used = 0;
        for (long second = 0; second <= HOUR; second += FIVE_MINUTES) {
            record(second, used += 300);
        }
        for (long second = HOUR + FIVE_MINUTES; second <= HOUR + HOUR / 2; second += FIVE_MINUTES) {
            record(second, used += 900);
        }

        assertThat(readings.rate(900).orElseThrow()).isCloseTo(2.0, within(0.01));
    }

    @Test
    void rate_readingsSpanningTooLittleTime_isEmpty() {
        record(0, 0);
        record(FIVE_MINUTES, 300);

        assertThat(readings.rate(900)).isEmpty();
    }

    @Test
    void record_countGoingDown_startsAfresh() {
        for (long second = 0; second <= HOUR; second += FIVE_MINUTES) {
            record(second, second * 10);
        }
        record(HOUR + FIVE_MINUTES, 0); // a clear

        assertThat(readings.rate(900)).isEmpty();
    }

    private void record(long second, long used) {
        readings.record(second, used, DAY, FIVE_MINUTES, HOUR);
    }
}
