package io.github.wechatquota.engine;

import io.github.wechatquota.WeChatApiException;
import io.github.wechatquota.WeChatQuotaException;
import io.github.wechatquota.wechat.ApiQuota;
import io.github.wechatquota.wechat.Errcodes;
import io.github.wechatquota.wechat.WeChatAdminClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings quotas in line with getApiQuota: independent calls run in parallel on a pool of {@code concurrency} threads,
 * so a thousand quotas take a thousand round trips divided by the concurrency, not one after another.
 */
final class QuotaSyncer {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaSyncer.class);

    private final WeChatAdminClient admin;
    private final TokenCalls tokens;
    private final ExecutorService pool;
    private final Listeners listeners;

    QuotaSyncer(WeChatAdminClient admin, TokenCalls tokens, ExecutorService pool, Listeners listeners) {
        this.admin = admin;
        this.tokens = tokens;
        this.pool = pool;
        this.listeners = listeners;
    }

    CompletableFuture<SyncReport> syncAll(Collection<KeyState> states) {
        AtomicInteger synced = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (KeyState state : states) {
            if (!state.queryable()) {
                skipped.incrementAndGet();
                continue;
            }
            try {
                running.add(CompletableFuture.runAsync(() -> {
                    String error = syncOne(state);
                    if (error == null) {
                        synced.incrementAndGet();
                    } else {
                        failures.add(state.key + ": " + error);
                    }
                }, pool));
            } catch (RejectedExecutionException closed) {
                failures.add(state.key + ": not synced, the guard is closed");
            }
        }
        return CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> new SyncReport(synced.get(), failures.size(), skipped.get(), failures));
    }

    /** Syncs in the background; nothing when the guard is closed (the quota keeps its stand-in limits). */
    CompletableFuture<Void> syncLater(KeyState state) {
        try {
            return CompletableFuture.runAsync(() -> syncOne(state), pool);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Syncs one quota; returns null on success, else why it failed (the last known state stands). */
    String syncOne(KeyState state) {
        QuotaKey key = state.key;
        KeyState.SyncSample sample = state.sample();
        String error;
        try {
            ApiQuota quota = tokens.withToken(key.appId(), token -> admin.getApiQuota(token, key.cgiPath()));
            state.applySync(quota, sample);
            error = null;
        } catch (WeChatApiException e) {
            error = e.getMessage();
            if (e.getErrcode() == Errcodes.CGI_PATH_NOT_FOUND || e.getErrcode() == Errcodes.CGI_PATH_NO_PERMISSION
                    || e.getErrcode() == Errcodes.CGI_PATH_MALFORMED) {
                state.markNotQueryable(e.getErrcode(), error);
                LOG.warn("getApiQuota cannot answer for {} (errcode {}); its limit comes from configuration, "
                        + "annotation or catalog, and it is not asked again", key, e.getErrcode());
            } else {
                state.syncFailed(error);
                LOG.warn("Sync of {} failed; keeping the last known state: {}", key, error);
            }
        } catch (WeChatQuotaException e) {
            error = e.getMessage();
            state.syncFailed(error);
            LOG.warn("Sync of {} failed; keeping the last known state: {}", key, error);
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            state.syncFailed(error);
            LOG.warn("Sync of {} failed unexpectedly; keeping the last known state", key, e);
        }
        listeners.synced(key, error);
        return error;
    }
}
