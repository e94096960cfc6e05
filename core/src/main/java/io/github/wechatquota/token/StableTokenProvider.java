package io.github.wechatquota.token;

import io.github.wechatquota.WeChatQuotaException;
import io.github.wechatquota.wechat.StableToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in {@link AccessTokenProvider}: {@code stable_token} with each account's configured secret, cached until
 * shortly before it expires. A token WeChat rejected is fetched again with {@code force_refresh}.
 */
public final class StableTokenProvider implements AccessTokenProvider {

    /** Fetches a stable token: the admin client, or the guard around it so that the token API's quota is counted. */
    @FunctionalInterface
    public interface Fetcher {
        StableToken fetch(String appId, String secret, boolean forceRefresh);
    }

    private record Cached(String token, Instant refreshAt) {
    }

    private final Map<String, String> secrets;
    private final Fetcher fetcher;
    private final Clock clock;
    private final Duration refreshAhead;
    private final Map<String, Cached> cache;
    private final Map<String, Boolean> forceNext;
    private final Map<String, Object> locks;

    /**
     * @param secrets app secret by appid
     * @param fetcher how to fetch a token
     * @param clock the time tokens expire by
     * @param refreshAhead how long before expiry a token is replaced
     */
    public StableTokenProvider(Map<String, String> secrets, Fetcher fetcher, Clock clock, Duration refreshAhead) {
        this.secrets = Map.copyOf(secrets);
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
        this.cache = new ConcurrentHashMap<>();
        this.forceNext = new ConcurrentHashMap<>();
        this.locks = new ConcurrentHashMap<>();
    }

    private StableTokenProvider(StableTokenProvider tokens, Fetcher fetcher) {
        this.secrets = tokens.secrets;
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = tokens.clock;
        this.refreshAhead = tokens.refreshAhead;
        this.cache = tokens.cache;
        this.forceNext = tokens.forceNext;
        this.locks = tokens.locks;
    }

    /**
     * A provider holding the same tokens as this one that fetches a missing or expired token with {@code fetcher}:
     * for a caller whose fetches must go another way (the guard's clears fetch theirs without applying the token
     * API's exhaustion policy, which may itself be a clear).
     */
    public StableTokenProvider fetchingWith(Fetcher fetcher) {
        return new StableTokenProvider(this, fetcher);
    }

    @Override
    public String getAccessToken(String appId) {
        Cached cached = cache.get(appId);
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return cached.token();
        }
        synchronized (lockFor(appId)) {
            cached = cache.get(appId);
            if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
                return cached.token();
            }
            String secret = secrets.get(appId);
            if (secret == null) {
                throw new WeChatQuotaException("No access token for appid " + appId + ": configure its secret under "
                        + "wechat.quota.apps." + appId + ".secret (AppSettings' secret without Spring), or provide an "
                        + "AccessTokenProvider");
            }
            boolean force = forceNext.containsKey(appId);
            StableToken fetched = fetcher.fetch(appId, secret, force);
            // Taken only once the forced fetch succeeded: after a failed one WeChat still holds the rejected token.
            forceNext.remove(appId);
            cache.put(appId, new Cached(fetched.accessToken(), refreshAt(fetched.expiresIn())));
            return fetched.accessToken();
        }
    }

    @Override
    public void invalidate(String appId, String token) {
        Cached cached = cache.get(appId);
        if (cached != null && (token == null || token.equals(cached.token()))) {
            cache.remove(appId, cached);
            forceNext.put(appId, Boolean.TRUE);
        }
    }

    /**
     * When to fetch again: {@code refreshAhead} before expiry. stable_token answers with what remains of the live
     * token's lifetime, which may be less than {@code refreshAhead}; such a token is kept for half of what remains
     * rather than being due at once, which would fetch it again on every call until it expires.
     */
    private Instant refreshAt(Duration expiresIn) {
        Duration half = expiresIn.dividedBy(2);
        Duration ahead = refreshAhead.compareTo(half) > 0 ? half : refreshAhead;
        return clock.instant().plus(expiresIn).minus(ahead);
    }

    /** One fetch per account at a time; different accounts do not wait for each other. */
    private Object lockFor(String appId) {
        return locks.computeIfAbsent(appId, k -> new Object());
    }
}
