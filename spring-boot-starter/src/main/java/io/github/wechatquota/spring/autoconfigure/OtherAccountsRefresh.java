package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.spring.metrics.MicrometerQuotaListener;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Recomputes the gauges of the accounts without meters of their own every
 * {@link MicrometerQuotaListener#OTHER_ACCOUNTS_REFRESH}, on one daemon thread, while the application runs.
 */
final class OtherAccountsRefresh implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OtherAccountsRefresh.class);

    private final MicrometerQuotaListener listener;
    private volatile ScheduledExecutorService scheduler;

    OtherAccountsRefresh(MicrometerQuotaListener listener) {
        this.listener = listener;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "wechat-quota-metrics");
            thread.setDaemon(true);
            return thread;
        });
        long period = MicrometerQuotaListener.OTHER_ACCOUNTS_REFRESH.toMillis();
        started.scheduleWithFixedDelay(this::refresh, 0, period, TimeUnit.MILLISECONDS);
        scheduler = started;
    }

    private void refresh() {
        try {
            listener.refreshOtherAccounts();
        } catch (RuntimeException e) {
            LOG.warn("Could not recompute the gauges of accounts without meters of their own; trying again in {}",
                    MicrometerQuotaListener.OTHER_ACCOUNTS_REFRESH, e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
