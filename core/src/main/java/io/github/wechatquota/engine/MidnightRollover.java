package io.github.wechatquota.engine;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What happens at each midnight of the quota day, off the call path so that calls pay nothing for it: calls still in
 * flight were let through on the day that ended, but WeChat may count them on the new one, so they are taken from the
 * new day too; and once WeChat's clock has surely crossed midnight as well, every quota is synced.
 */
final class MidnightRollover {

    /** After midnight, when the new day's first sync runs: past the skew the instance's and WeChat's clocks may have. */
    static final Duration SYNC_AFTER = QuotaDays.MIDNIGHT_SKEW.plusSeconds(30);

    private final QuotaDays days;
    private final ScheduledExecutorService scheduler;
    private final QuotaRegistry quotas;
    private final QuotaSyncer syncer;
    private volatile LocalDate day;
    private volatile ScheduledFuture<?> next;
    private volatile boolean closed;

    MidnightRollover(QuotaDays days, ScheduledExecutorService scheduler, QuotaRegistry quotas, QuotaSyncer syncer) {
        this.days = days;
        this.scheduler = scheduler;
        this.quotas = quotas;
        this.syncer = syncer;
    }

    void start() {
        day = days.today();
        scheduleNext();
    }

    private void scheduleNext() {
        if (closed) {
            return;
        }
        long untilMidnight = Duration.between(days.clock().instant(), days.nextMidnight()).toMillis();
        // At least a second: a scheduler running ahead of the guard's clock must not spin until the clock catches up.
        next = scheduler.schedule(this::atMidnight, Math.max(1_000, untilMidnight), TimeUnit.MILLISECONDS);
    }

    /** Runs at midnight by the guard's clock (or a little later); a run before it only schedules the next one. */
    void atMidnight() {
        try {
            LocalDate today = days.today();
            if (!today.equals(day)) {
                day = today;
                quotas.all().forEach(KeyState::chargeCallsInFlight);
                scheduler.schedule(this::syncNewDay, SYNC_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            scheduleNext();
        }
    }

    /** A Runnable, not a Callable: the sync's future is not the scheduler's to keep. */
    private void syncNewDay() {
        syncer.syncAll(quotas.all(), true);
    }

    void close() {
        closed = true;
        ScheduledFuture<?> scheduled = next;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
