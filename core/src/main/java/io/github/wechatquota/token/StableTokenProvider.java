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
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Boolean> forceNext = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

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
                        + "wechat.quota.apps." + appId + ".secret, or provide an AccessTokenProvider");
            }
            boolean force = forceNext.remove(appId) != null;
            StableToken fetched = fetcher.fetch(appId, secret, force);
            Instant refreshAt = clock.instant().plus(fetched.expiresIn()).minus(refreshAhead);
            cache.put(appId, new Cached(fetched.accessToken(), refreshAt));
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

    /** One fetch per account at a time; different accounts do not wait for each other. */
    private Object lockFor(String appId) {
        return locks.computeIfAbsent(appId, k -> new Object());
    }
}
