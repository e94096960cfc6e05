package io.github.wechatquota.benchmarks;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * One row of the accuracy measurement: how many instances (processes), WeChat's limit and drift, and for the rows
 * across midnight how far the instances' clocks are from WeChat's and whether the day that ends was used up already.
 *
 * @param kind {@code drift} (a day's quota used up at noon) or {@code midnight} (calls across WeChat's midnight)
 * @param threads the calling threads of each instance
 * @param latency how long WeChat takes to answer each call: the calls in flight at midnight
 * @param skew how far the instances' clocks are ahead of WeChat's (negative: behind)
 * @param oldDayUsedUp whether the day that ends is used up before the calls start (else they start on it shortly
 *     before midnight and are in flight across it)
 * @param killOne whether one instance is killed ({@code SIGKILL}) part way through the day, holding a lease
 */
record AccuracyScenario(String kind, int instances, int threads, long limit, double drift, double safetyMargin,
        Duration latency, Duration skew, boolean oldDayUsedUp, boolean killOne) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The day every row is measured on, by WeChat's clock: a fixed one, not today. */
    static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    /** The default safety margin: the learned margin's ceiling, so that what the margin learns is measured. */
    static final double DEFAULT_MARGIN = 0.01;
    /** Calling threads in all, spread over the instances. */
    static final int THREADS = 32;

    /** N instances use up a day's quota at noon, WeChat over-counting by {@code drift}. */
    static AccuracyScenario drift(int instances, long limit, double drift) {
        return new AccuracyScenario("drift", instances, Math.max(1, THREADS / instances), limit, drift,
                DEFAULT_MARGIN, Duration.ZERO, Duration.ZERO, false, false);
    }

    /**
     * N instances use up a day's quota at noon, WeChat counting exactly; one of them is killed for real once WeChat
     * has counted half of L, and the others go on until the day's quota is used up.
     */
    static AccuracyScenario killed(int instances, long limit) {
        return new AccuracyScenario("killed", instances, Math.max(1, THREADS / instances), limit, 0, DEFAULT_MARGIN,
                Duration.ZERO, Duration.ZERO, false, true);
    }

    /** N instances, their clocks {@code skew} ahead of WeChat's, call across WeChat's midnight at 50 ms a call. */
    static AccuracyScenario midnight(int instances, long limit, Duration skew, boolean oldDayUsedUp) {
        return new AccuracyScenario("midnight", instances, Math.max(1, THREADS / instances), limit, 0,
                DEFAULT_MARGIN, Duration.ofMillis(50), skew, oldDayUsedUp, false);
    }

    boolean acrossMidnight() {
        return kind.equals("midnight");
    }

    /** WeChat's midnight, the end of {@link #DAY}. */
    static ZonedDateTime midnight() {
        return DAY.plusDays(1).atStartOfDay(CHINA);
    }

    /**
     * Where WeChat's clock stands when the simulator starts. Across midnight: early enough that every instance's
     * start-up sync is answered more than a minute before midnight (an answer closer to it is not applied).
     */
    ZonedDateTime weChatStart() {
        return acrossMidnight() ? midnight().minusSeconds(90) : DAY.atTime(LocalTime.NOON).atZone(CHINA);
    }

    /** When (by WeChat's clock) the calls start: before midnight by as long as the day that ends may take of them. */
    ZonedDateTime callsStart() {
        return midnight().minusSeconds(oldDayUsedUp ? 5 : 2);
    }

    /** When (by WeChat's clock) the calls across midnight stop. */
    ZonedDateTime callsEnd() {
        return midnight().plusSeconds(20);
    }

    /** The real calls WeChat lets through before its (over-)count reaches the limit: L / (1 + drift), rounded down. */
    long weChatAllows() {
        long calls = 0;
        while (calls + 1 + (long) Math.floor((calls + 1) * drift) <= limit) {
            calls++;
        }
        return calls;
    }

    /** The row's name in the table. */
    String label() {
        if (killOne) {
            return "one of " + instances + " killed";
        }
        if (!acrossMidnight()) {
            return "drift " + (drift == 0 ? "0" : String.format(Locale.ROOT, "%.0f%%", drift * 100));
        }
        String clocks = skew.isZero() ? "midnight" : "skew " + (skew.isNegative() ? "-" : "+") + skew.abs().toSeconds()
                + " s";
        return clocks + (oldDayUsedUp ? ", day used up" : ", calls in flight");
    }
}
