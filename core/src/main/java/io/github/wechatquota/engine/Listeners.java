package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener, each shielded from the others; costs one array-length check when there are none. */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final QuotaListener[] listeners;

    Listeners(List<QuotaListener> listeners) {
        this.listeners = listeners.toArray(new QuotaListener[0]);
    }

    /** The hot path: a plain loop, no lambda to allocate. */
    void permitted(QuotaKey key) {
        for (QuotaListener listener : listeners) {
            try {
                listener.onPermitted(key);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    void rejected(QuotaKey key, QuotaPolicy policy) {
        each(listener -> listener.onRejected(key, policy));
    }

    void fallback(QuotaKey key) {
        each(listener -> listener.onFallback(key));
    }

    void waited(QuotaKey key, long waitedMillis) {
        each(listener -> listener.onWaited(key, waitedMillis));
    }

    void limitedByWeChat(QuotaKey key, int errcode) {
        each(listener -> listener.onLimitedByWeChat(key, errcode));
    }

    void clear(String appId, ClearResult result) {
        each(listener -> listener.onClear(appId, result));
    }

    void synced(QuotaKey key, String error) {
        each(listener -> listener.onSynced(key, error));
    }

    private void each(Consumer<QuotaListener> event) {
        for (QuotaListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    private static void failed(QuotaListener listener, RuntimeException e) {
        LOG.warn("QuotaListener {} threw; ignored", listener.getClass().getName(), e);
    }
}
