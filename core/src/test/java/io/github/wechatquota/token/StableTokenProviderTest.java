package io.github.wechatquota.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.WeChatQuotaException;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.wechat.StableToken;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StableTokenProviderTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String SECRET = "token-test-secret-42";
    private static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    /** One fetch, as the provider asked for it. */
    private record Fetch(String appId, String secret, boolean forceRefresh) {
    }

    /** A fetcher that hands out token-1, token-2, ... valid for {@link #expiresIn}, and records each fetch. */
    private final class RecordingFetcher implements StableTokenProvider.Fetcher {
        final List<Fetch> fetches = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger issued = new AtomicInteger();
        volatile Duration expiresIn = Duration.ofSeconds(7200);

        @Override
        public StableToken fetch(String appId, String secret, boolean forceRefresh) {
            fetches.add(new Fetch(appId, secret, forceRefresh));
            return new StableToken("token-" + issued.incrementAndGet(), expiresIn);
        }
    }

    private final RecordingFetcher fetcher = new RecordingFetcher();

    private StableTokenProvider provider(StableTokenProvider.Fetcher fetcher) {
        return new StableTokenProvider(Map.of(APP_ID, SECRET), fetcher, clock, REFRESH_AHEAD);
    }

    @Test
    void getAccessToken_fetchesWithTheConfiguredSecret() {
        String token = provider(fetcher).getAccessToken(APP_ID);

        assertThat(token).isEqualTo("token-1");
        assertThat(fetcher.fetches).containsExactly(new Fetch(APP_ID, SECRET, false));
    }

    @Test
    void getAccessToken_cachesUntilExpiryLessRefreshAhead() {
        StableTokenProvider provider = provider(fetcher);
        provider.getAccessToken(APP_ID);

        clock.advance(Duration.ofSeconds(7200 - 300).minusMillis(1));

        assertThat(provider.getAccessToken(APP_ID)).isEqualTo("token-1");
        assertThat(fetcher.fetches).hasSize(1);
    }

    @Test
    void getAccessToken_refetchesOnceRefreshAheadIsReached() {
        StableTokenProvider provider = provider(fetcher);
        provider.getAccessToken(APP_ID);

        clock.advance(Duration.ofSeconds(7200 - 300));

        assertThat(provider.getAccessToken(APP_ID)).isEqualTo("token-2");
        assertThat(fetcher.fetches).containsExactly(new Fetch(APP_ID, SECRET, false), new Fetch(APP_ID, SECRET, false));
    }

    @Test
    void invalidate_theCachedToken_forcesARefreshOnTheNextFetch() {
        StableTokenProvider provider = provider(fetcher);
        String rejected = provider.getAccessToken(APP_ID);

        provider.invalidate(APP_ID, rejected);

        assertThat(provider.getAccessToken(APP_ID)).isEqualTo("token-2");
        assertThat(fetcher.fetches).extracting(Fetch::forceRefresh).containsExactly(false, true);
    }

    @Test
    void invalidate_withoutAToken_forcesARefreshOfTheCachedOne() {
        StableTokenProvider provider = provider(fetcher);
        provider.getAccessToken(APP_ID);

        provider.invalidate(APP_ID, null);

        assertThat(provider.getAccessToken(APP_ID)).isEqualTo("token-2");
        assertThat(fetcher.fetches).extracting(Fetch::forceRefresh).containsExactly(false, true);
    }

    @Test
    void invalidate_ofAnotherToken_doesNothing() {
        StableTokenProvider provider = provider(fetcher);
        provider.getAccessToken(APP_ID);

        provider.invalidate(APP_ID, "token-from-before");

        assertThat(provider.getAccessToken(APP_ID)).isEqualTo("token-1");
        assertThat(fetcher.fetches).hasSize(1);
    }

    @Test
    void invalidate_forcesOnlyTheNextFetch() {
        StableTokenProvider provider = provider(fetcher);
        provider.invalidate(APP_ID, provider.getAccessToken(APP_ID));
        provider.getAccessToken(APP_ID);

        clock.advance(Duration.ofHours(2));
        provider.getAccessToken(APP_ID);

        assertThat(fetcher.fetches).extracting(Fetch::forceRefresh).containsExactly(false, true, false);
    }

    @Test
    void getAccessToken_withoutASecret_namesThePropertyToSet() {
        StableTokenProvider provider = provider(fetcher);

        assertThatThrownBy(() -> provider.getAccessToken("wxfedcba9876543210"))
                .isInstanceOf(WeChatQuotaException.class)
                .hasMessage("No access token for appid wxfedcba9876543210: configure its secret under "
                        + "wechat.quota.apps.wxfedcba9876543210.secret (AppSettings' secret without Spring), or provide an "
                        + "AccessTokenProvider");
        assertThat(fetcher.fetches).isEmpty();
    }

    @Test
    void getAccessToken_concurrentFirstCalls_fetchOnce() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        StableTokenProvider provider = provider((appId, secret, force) -> {
            fetches.incrementAndGet();
            fetching.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new StableToken("shared-token", Duration.ofSeconds(7200));
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tokens.add(pool.submit((Callable<String>) () -> provider.getAccessToken(APP_ID)));
            }
            assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50); // let the other callers queue behind the fetch
            release.countDown();

            for (Future<String> token : tokens) {
                assertThat(token.get(10, TimeUnit.SECONDS)).isEqualTo("shared-token");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void getAccessToken_failedFetch_isNotCached() {
        AtomicInteger calls = new AtomicInteger();
        StableTokenProvider provider = provider((appId, secret, force) -> {
            if (calls.incrementAndGet() == 1) {
                throw new WeChatQuotaException("getStableToken for appid " + appId + " timed out");
            }
            return new StableToken("token-after-failure", Duration.ofSeconds(7200));
        });

        assertThatThrownBy(() -> provider.getAccessToken(APP_ID)).hasMessageContaining("timed out");

        assertThat(provider.getAccessToken(APP_ID)).isEqualTo("token-after-failure");
    }

    /** Regression: the force flag was taken before the fetch, so a failed forced fetch left WeChat's old token. */
    @Test
    void invalidate_thenFailedFetch_stillForcesTheNextFetch() {
        List<Boolean> forced = new ArrayList<>();
        StableTokenProvider provider = provider((appId, secret, force) -> {
            forced.add(force);
            if (forced.size() == 2) {
                throw new WeChatQuotaException("getStableToken for appid " + appId + " timed out");
            }
            return new StableToken("token-" + forced.size(), Duration.ofSeconds(7200));
        });
        provider.invalidate(APP_ID, provider.getAccessToken(APP_ID));
        assertThatThrownBy(() -> provider.getAccessToken(APP_ID)).hasMessageContaining("timed out");

        provider.getAccessToken(APP_ID);

        assertThat(forced).containsExactly(false, true, true);
    }

    /**
     * Regression: stable_token hands back the live token with what remains of its lifetime. With less than
     * refresh-ahead left, the token was cached as already due, so every admin call fetched it again until it expired.
     */
    @Test
    void getAccessToken_tokenWithLessThanRefreshAheadLeft_isNotFetchedOnEveryCall() {
        fetcher.expiresIn = Duration.ofSeconds(200);
        StableTokenProvider provider = provider(fetcher);

        provider.getAccessToken(APP_ID);
        provider.getAccessToken(APP_ID);
        provider.getAccessToken(APP_ID);

        assertThat(fetcher.fetches).hasSize(1);
    }

    @Test
    void getAccessToken_tokenWithLessThanRefreshAheadLeft_isRefetchedBeforeItExpires() {
        fetcher.expiresIn = Duration.ofSeconds(200);
        StableTokenProvider provider = provider(fetcher);
        provider.getAccessToken(APP_ID);

        clock.advance(Duration.ofSeconds(199));

        assertThat(provider.getAccessToken(APP_ID)).isEqualTo("token-2");
    }
}
