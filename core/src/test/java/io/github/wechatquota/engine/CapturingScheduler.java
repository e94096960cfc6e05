package io.github.wechatquota.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A scheduler whose periodic tasks run only when the test says: a guard's periodic sync, one round at a time. */
final class CapturingScheduler extends ScheduledThreadPoolExecutor {

    private final List<Runnable> periodic = new CopyOnWriteArrayList<>();

    CapturingScheduler() {
        super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        periodic.add(command);
        return super.schedule(() -> { }, 365, TimeUnit.DAYS);
    }

    /** Runs one round of every periodic task, on this thread. */
    void runPeriodicTasks() {
        periodic.forEach(Runnable::run);
    }
}
