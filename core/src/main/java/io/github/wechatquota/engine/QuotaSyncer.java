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
    private final java.util.Map<KeyState, CompletableFuture<String>> inProgress =
            new java.util.concurrent.ConcurrentHashMap<>();

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
            running.add(sync(state).handle((error, thrown) -> {
                String failure = thrown != null ? String.valueOf(thrown.getMessage()) : error;
                if (failure == null) {
                    synced.incrementAndGet();
                } else {
                    failures.add(state.key + ": " + failure);
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> new SyncReport(synced.get(), failures.size(), skipped.get(), failures));
    }

    /**
     * Syncs one quota in the background; a request for a quota already being synced joins that sync rather than ask
     * WeChat twice. Completes with null on success, else with the reason.
     */
    CompletableFuture<String> sync(KeyState state) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> existing = inProgress.putIfAbsent(state, mine);
        if (existing != null) {
            return existing;
        }
        try {
            pool.execute(() -> {
                try {
                    mine.complete(syncOne(state));
                } catch (RuntimeException | Error e) {
                    mine.completeExceptionally(e);
                } finally {
                    inProgress.remove(state, mine);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            inProgress.remove(state, mine);
            mine.complete("the guard is closed");
        }
        return mine;
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
