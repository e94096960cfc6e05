package io.github.wechatquota.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose tasks run only when the test says: a guard's periodic sync one round at a time, and its one-shot
 * tasks (the midnight rollover) when their time has come by the test's clock.
 */
final class CapturingScheduler extends ScheduledThreadPoolExecutor {

    private final List<Runnable> periodic = new CopyOnWriteArrayList<>();
    private final List<Runnable> oneShot = new CopyOnWriteArrayList<>();

    CapturingScheduler() {
        super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        periodic.add(command);
        return super.schedule(() -> { }, 365, TimeUnit.DAYS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        oneShot.add(command);
        return super.schedule(() -> { }, 365, TimeUnit.DAYS);
    }

    /** Runs the one-shot tasks scheduled so far, on this thread; those they schedule wait for the next call. */
    void runOneShotTasks() {
        List<Runnable> due = List.copyOf(oneShot);
        oneShot.removeAll(due);
        due.forEach(Runnable::run);
    }

    /** Runs one round of every periodic task, on this thread. */
    void runPeriodicTasks() {
        periodic.forEach(Runnable::run);
    }
}
