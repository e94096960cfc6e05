package io.github.wechatquota.forecast;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * One quota's readings of the day's count over the last window: a small ring of (second, used today) pairs, and the
 * robust rate they give. Primitive arrays, since a platform may forecast many thousands of quotas (about 300 bytes
 * each).
 */
final class Readings {

    private static final int CAPACITY = 16;

    private final long[] seconds = new long[CAPACITY];
    private final long[] used = new long[CAPACITY];
    private int first;
    private int size;
    private long epochDay = Long.MIN_VALUE;

    /**
     * Records a reading unless the last one is under {@code intervalSeconds} old. A new day, or a count that went down
     * (a clear, a sync that found fewer calls), starts the readings afresh: the rate of the old count says nothing of
     * the new one.
     */
    synchronized void record(long epochSecond, long usedToday, long day, long intervalSeconds, long windowSeconds) {
        if (day != epochDay || (size > 0 && usedToday < used[index(size - 1)])) {
            size = 0;
            epochDay = day;
        }
        if (size > 0 && epochSecond - seconds[index(size - 1)] < intervalSeconds) {
            return;
        }
        if (size == CAPACITY) {
            drop();
        }
        seconds[index(size)] = epochSecond;
        used[index(size)] = usedToday;
        size++;
        // The oldest reading stays while the next one is inside the window, so that the readings span all of it.
        while (size > 2 && seconds[index(1)] <= epochSecond - windowSeconds) {
            drop();
        }
    }

    /**
     * The calls per second over the readings, robust to bursts: the time-weighted interquartile mean of the rates
     * between successive readings. The fastest and slowest quarter of the time are left out, so a burst (or a lull)
     * shorter than a quarter of the window does not move it, while a count that grows in steps (a sync every ten
     * minutes adding calls made elsewhere, read every five) averages out. Empty until the readings span {@code
     * minSpanSeconds}.
     */
    synchronized OptionalDouble rate(long minSpanSeconds) {
        if (size < 2 || seconds[index(size - 1)] - seconds[index(0)] < minSpanSeconds) {
            return OptionalDouble.empty();
        }
        int intervals = size - 1;
        double[][] rates = new double[intervals][];
        double total = 0;
        for (int i = 0; i < intervals; i++) {
            double duration = seconds[index(i + 1)] - seconds[index(i)];
            rates[i] = new double[] {(used[index(i + 1)] - used[index(i)]) / duration, duration};
            total += duration;
        }
        Arrays.sort(rates, (a, b) -> Double.compare(a[0], b[0]));
        double from = total / 4;
        double to = total * 3 / 4;
        double start = 0;
        double weighted = 0;
        for (double[] rate : rates) {
            double end = start + rate[1];
            double overlap = Math.min(end, to) - Math.max(start, from);
            if (overlap > 0) {
                weighted += rate[0] * overlap;
            }
            start = end;
        }
        return OptionalDouble.of(weighted / (to - from));
    }

    private void drop() {
        first = index(1);
        size--;
    }

    private int index(int i) {
        return (first + i) % CAPACITY;
    }
}
