package io.github.wechatquota.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What happens around each midnight of the quota day, off the call path so that calls pay nothing for it but a volatile
 * read: {@link QuotaDays#MIDNIGHT_SKEW} (W) before midnight every quota opens its window, in which permits are charged
 * to the new day as well; at midnight the new day is charged with them, and held where the old day ended used up
 * ({@link MidnightTurn}); W and a second after midnight, once WeChat's clock has surely crossed it as well, the quotas
 * whose new day was charged calls from the window (to give back what was charged twice), is held (to confirm it), or
 * was used since the window opened (its calls after this instance's midnight may be on WeChat's old day) are synced;
 * every other quota is asked on its first use of the new day, so that a platform's 200,000 quotas do not all ask
 * WeChat at once.
 */
final class MidnightRollover {

    /** After midnight, when the new day's first sync runs: past the skew the instance's and WeChat's clocks may have. */
    static final Duration SYNC_AFTER = QuotaDays.MIDNIGHT_SKEW.plusSeconds(1);

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
        scheduleWindow();
    }

    private void scheduleWindow() {
        Instant opens = days.nextMidnight().minus(QuotaDays.MIDNIGHT_SKEW);
        schedule(this::openWindow, Duration.between(days.clock().instant(), opens).toMillis(), 0);
    }

    private void schedule(Runnable task, long delayMillis, long atLeastMillis) {
        if (!closed) {
            next = scheduler.schedule(task, Math.max(atLeastMillis, delayMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs W before midnight by the guard's clock (or a little later); a run before it only schedules itself again. */
    void openWindow() {
        if (!days.today().equals(day)) {
            atMidnight(); // the window's run came only after midnight (a suspended machine): roll over now
            return;
        }
        Instant midnight = days.nextMidnight();
        long untilMidnight = Duration.between(days.clock().instant(), midnight).toMillis();
        if (untilMidnight > QuotaDays.MIDNIGHT_SKEW.toMillis()) {
            scheduleWindow();
            return;
        }
        try {
            quotas.all().forEach(state -> state.openMidnightWindow(midnight.toEpochMilli()));
        } finally {
            schedule(this::atMidnight, untilMidnight, 0);
        }
    }

    /** Runs at midnight by the guard's clock (or a little later); a run before it only schedules itself again. */
    void atMidnight() {
        LocalDate today = days.today();
        if (today.equals(day)) {
            // At least a second: a scheduler running ahead of the guard's clock must not spin until the clock catches up.
            schedule(this::atMidnight, Duration.between(days.clock().instant(), days.nextMidnight()).toMillis(), 1_000);
            return;
        }
        try {
            day = today;
            List<KeyState> charged = new ArrayList<>();
            List<Watched> watched = new ArrayList<>();
            for (KeyState state : quotas.all()) {
                long mark = state.rollOver();
                if (mark == KeyState.ASK_AT_NEW_DAY) {
                    charged.add(state);
                } else {
                    watched.add(new Watched(state, mark));
                }
            }
            long untilSync = Duration.between(days.clock().instant(), days.lastMidnight().plus(SYNC_AFTER)).toMillis();
            scheduler.schedule(() -> syncNewDay(charged, watched, today), Math.max(0, untilSync),
                    TimeUnit.MILLISECONDS);
        } finally {
            scheduleWindow();
        }
    }

    /**
     * The new day's first sync: of the quotas charged or held at the rollover, and of those used since their window
     * opened (calls this instance sent after its midnight may be on WeChat's old day, and charged to both). A void
     * method, so the task is a Runnable, not a Callable: the sync's future is not the scheduler's to keep.
     */
    private void syncNewDay(List<KeyState> charged, List<Watched> watched, LocalDate newDay) {
        List<KeyState> toAsk = new ArrayList<>(charged);
        for (Watched each : watched) {
            if (each.state().usedSince(each.permitsMark())) {
                toAsk.add(each.state());
            }
        }
        syncer.syncNewDay(toAsk, newDay);
    }

    /** A quota not charged at the rollover, and its permits then: asked at the new day's sync only if used since. */
    private record Watched(KeyState state, long permitsMark) {
    }

    void close() {
        closed = true;
        ScheduledFuture<?> scheduled = next;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
