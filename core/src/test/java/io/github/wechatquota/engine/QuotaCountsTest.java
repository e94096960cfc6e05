package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.simulator.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class QuotaCountsTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final QuotaCounts counts = new QuotaCounts(
            new QuotaDays(MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"), CHINA), CHINA));

    @Test
    void callsInFlight_areCountedUntilAnswered() {
        counts.tryAcquire(1);
        counts.tryAcquire(1);
        counts.callDone();

        assertThat(counts.inFlight()).isEqualTo(1);
        assertThat(counts.permitsTaken()).isEqualTo(2);
    }

    @Test
    void manyThreadsAtOnce_loseNoCountOfPermitsOrCallsInFlight() throws Exception {
        int threads = 8;
        int callsEach = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsEach; i++) {
                        counts.tryAcquire(1);
                        counts.callDone();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : running) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(counts.inFlight()).isZero();
        assertThat(counts.permitsTaken()).isEqualTo((long) threads * callsEach);
    }
}
