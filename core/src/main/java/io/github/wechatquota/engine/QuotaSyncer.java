package io.github.wechatquota.engine;

import io.github.wechatquota.WeChatApiException;
import io.github.wechatquota.WeChatQuotaException;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.wechat.ApiQuota;
import io.github.wechatquota.wechat.Errcodes;
import io.github.wechatquota.wechat.WeChatAdminClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
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
    private final QuotaStore store;
    private final Duration claimTtl;
    private final AtomicLong withoutToken = new AtomicLong();
    private final Map<KeyState, CompletableFuture<String>> inProgress =
            new ConcurrentHashMap<>();

    /**
     * @param claimTtl how long a periodic sync of a quota is claimed in a shared store, so that of many instances only
     *     one asks WeChat per round; zero for no claims
     */
    QuotaSyncer(WeChatAdminClient admin, TokenCalls tokens, ExecutorService pool, Listeners listeners,
            QuotaStore store, Duration claimTtl) {
        this.admin = admin;
        this.tokens = tokens;
        this.pool = pool;
        this.listeners = listeners;
        this.store = store;
        this.claimTtl = claimTtl;
    }

    /** Syncs every quota now, whatever other instances did. */
    CompletableFuture<SyncReport> syncAll(Collection<KeyState> states) {
        return syncAll(states, false);
    }

    /**
     * Syncs every quota; with {@code claim}, a quota another instance sharing the store is syncing this round is not
     * asked again: its record is adopted instead.
     */
    CompletableFuture<SyncReport> syncAll(Collection<KeyState> states, boolean claim) {
        return syncAll(states, claim ? state -> state.storeKey : null);
    }

    /**
     * The new day's first sync of every quota, claimed per quota and day: of many instances one asks, whatever periodic
     * sync was claimed before midnight.
     */
    CompletableFuture<SyncReport> syncNewDay(Collection<KeyState> states, LocalDate day) {
        return syncAll(states, state -> state.storeKey + ":new-day:" + day);
    }

    private CompletableFuture<SyncReport> syncAll(Collection<KeyState> states,
            Function<KeyState, String> claimKey) {
        AtomicInteger synced = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (KeyState state : states) {
            if (!state.queryable()) {
                skipped.incrementAndGet();
                continue;
            }
            if (claimKey != null && !claimed(state, claimKey.apply(state))) {
                synced.incrementAndGet();
                continue;
            }
            running.add(sync(state).handle((error, thrown) -> {
                String failure = thrown != null ? String.valueOf(thrown.getMessage()) : error;
                if (failure == null) {
                    synced.incrementAndGet();
                } else if (!state.queryable()) {
                    skipped.incrementAndGet(); // found out just now: 76021, 76022 or 76003
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
                String outcome;
                try {
                    outcome = syncOne(state);
                } catch (RuntimeException | Error e) {
                    inProgress.remove(state, mine);
                    mine.completeExceptionally(e);
                    return;
                }
                // Gone from the map before anyone hears of it: a request made once the answer is known asks again
                // rather than join an answer that is already over.
                inProgress.remove(state, mine);
                mine.complete(outcome);
            });
        } catch (RejectedExecutionException closed) {
            inProgress.remove(state, mine);
            mine.complete("the guard is closed");
        }
        return mine;
    }

    /** Whether this instance may sync the quota this round; if another has claimed it, its record is adopted. */
    private boolean claimed(KeyState state, String claimKey) {
        if (!store.shared() || claimTtl.isZero()) {
            return true;
        }
        try {
            if (store.syncs().tryClaim(claimKey, claimTtl)) {
                return true;
            }
            state.adopt(store.syncs().last(state.storeKey).orElse(null));
            return false;
        } catch (RuntimeException storeDown) {
            return true; // the store will fail the sync itself, with its reason
        }
    }

    private void askAndApply(KeyState state) {
        QuotaKey key = state.key;
        SyncSample sample = SyncApplication.sample(state);
        ApiQuota quota = tokens.withToken(key.appId(), token -> admin.getApiQuota(token, key.cgiPath()));
        SyncApplication.apply(state, quota, sample);
    }

    /** Syncs one quota; returns null on success, else why it failed (the last known state stands). */
    String syncOne(KeyState state) {
        QuotaKey key = state.key;
        if (!tokens.hasSource(key.appId())) {
            return noToken(state);
        }
        String error;
        try {
            askAndApply(state);
            if (state.lostSinceSync()) {
                // The store lost the bucket while the answer travelled (or the sample found it lost): the answer was
                // not applied to the rebuilt one, so ask again for it.
                askAndApply(state);
            }
            error = null;
        } catch (WeChatApiException e) {
            error = e.getMessage();
            if (e.getErrcode() == Errcodes.CGI_PATH_NOT_FOUND || e.getErrcode() == Errcodes.CGI_PATH_NO_PERMISSION
                    || e.getErrcode() == Errcodes.CGI_PATH_MALFORMED) {
                state.markNotQueryable(e.getErrcode(), error);
                LOG.warn("getApiQuota cannot answer for {} (errcode {}); its limit comes from configuration, "
                        + "annotation or catalog, and it is not asked again", key, e.getErrcode());
            } else {
                state.history().failed(error);
                LOG.warn("Sync of {} failed; keeping the last known state: {}", key, error);
            }
        } catch (WeChatQuotaException e) {
            error = e.getMessage();
            state.history().failed(error);
            LOG.warn("Sync of {} failed; keeping the last known state: {}", key, error);
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            state.history().failed(error);
            LOG.warn("Sync of {} failed unexpectedly; keeping the last known state", key, e);
        }
        listeners.synced(key, error);
        return error;
    }

    /**
     * An account without a secret under the built-in token provider (a platform's authorized account, say): its quotas
     * keep the limits of configuration, annotation or catalog, are not asked again, and are logged in aggregate.
     */
    private String noToken(KeyState state) {
        String error = "no access token for appid " + state.key.appId() + ": it has no secret, and no "
                + "AccessTokenProvider bean supplies its tokens";
        state.markNotQueryable(SyncHistory.NO_TOKEN, error);
        long count = withoutToken.incrementAndGet();
        if (PowersOfTen.includes(count)) {
            LOG.warn("{} quota(s) cannot be synced, the latest {}: {} (limits come from configuration, annotation or "
                    + "catalog; further ones are logged as a count at 10, 100, 1,000, ...). Provide an "
                    + "AccessTokenProvider bean for a platform's authorized accounts", String.format(Locale.ROOT,
                    "%,d", count), state.key, error);
        }
        listeners.synced(state.key, error);
        return error;
    }
}
