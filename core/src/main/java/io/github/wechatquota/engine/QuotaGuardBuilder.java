package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.CgiPath;
import io.github.wechatquota.catalog.QuotaCatalog;
import io.github.wechatquota.errcode.ErrcodeExtractor;
import io.github.wechatquota.internal.DefaultApp;
import io.github.wechatquota.internal.KeyPrefix;
import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.token.AccessTokenProvider;
import io.github.wechatquota.wechat.WeChatAdminClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Configures a {@link QuotaGuard}. Every setter checks its value at once and names it in the error; {@link #build()}
 * checks how the values fit together.
 */
public final class QuotaGuardBuilder {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    URI apiBaseUrl = URI.create("https://api.weixin.qq.com");
    WeChatAdminClient adminClient;
    Clock clock = Clock.systemUTC();
    ZoneId zone = CHINA;
    double safetyMargin = 0.01;
    QuotaPolicy defaultPolicy = QuotaPolicy.REJECT;
    QuotaStore store;
    String keyPrefix = "wxq";
    Duration syncInterval = Duration.ofMinutes(10);
    int syncConcurrency = 8;
    boolean syncOnFirstUse = true;
    boolean clearEnabled;
    int maxClearsPerMonth = 3;
    int retryMaxAttempts = 3;
    Duration retryInitialBackoff = Duration.ofMillis(500);
    Duration maxWait = Duration.ofSeconds(5);
    long waybillLowBalance = 100;
    StoreFailureMode storeFailureMode = StoreFailureMode.LOCAL_FALLBACK;
    int expectedInstances = 2;
    boolean storeLeases = true;
    final Map<String, AppSettings> apps = new LinkedHashMap<>();
    String defaultAppId;
    final List<QuotaRule> rules = new ArrayList<>();
    QuotaCatalog catalog;
    ErrcodeExtractor errcodeExtractor = ErrcodeExtractor.defaults();
    AccessTokenProvider accessTokenProvider;
    final List<QuotaListener> listeners = new ArrayList<>();
    Sleeper sleeper = Sleeper.THREAD;
    ScheduledExecutorService scheduler;

    QuotaGuardBuilder() {
    }

    /** WeChat's API base URL; {@code https://api.weixin.qq.com} unless set (point it at the simulator in tests). */
    public QuotaGuardBuilder apiBaseUrl(URI apiBaseUrl) {
        this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        return this;
    }

    /** The admin client to use instead of one built from {@link #apiBaseUrl}. */
    public QuotaGuardBuilder adminClient(WeChatAdminClient adminClient) {
        this.adminClient = Objects.requireNonNull(adminClient, "adminClient");
        return this;
    }

    /** The clock for days, months and refills; the system clock unless set. */
    public QuotaGuardBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The zone whose midnight resets quotas; Asia/Shanghai, as WeChat's, unless set. */
    public QuotaGuardBuilder zone(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        return this;
    }

    /** The fraction of each daily limit held back for WeChat's counting error; 0.01 unless set. */
    public QuotaGuardBuilder safetyMargin(double safetyMargin) {
        if (!(safetyMargin >= 0 && safetyMargin < 1)) {
            throw new IllegalArgumentException("safety-margin must be a fraction within [0, 1), e.g. 0.01; was "
                    + safetyMargin);
        }
        this.safetyMargin = safetyMargin;
        return this;
    }

    /** The policy when neither configuration, annotation nor rule sets one; REJECT unless set. */
    public QuotaGuardBuilder defaultPolicy(QuotaPolicy defaultPolicy) {
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        if (defaultPolicy == QuotaPolicy.DEFAULT || defaultPolicy == QuotaPolicy.FALLBACK) {
            throw new IllegalArgumentException("default-policy must be reject, wait or clear-and-retry; " + defaultPolicy
                    + " cannot apply to every API");
        }
        this.defaultPolicy = defaultPolicy;
        return this;
    }

    /** Where quota state lives; a local store unless set. */
    public QuotaGuardBuilder store(QuotaStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /**
     * What calls do while a shared store cannot be reached, and how many instances are expected to share it (a
     * local fallback counts at most the last known remainder divided by that number).
     */
    public QuotaGuardBuilder onStoreFailure(StoreFailureMode mode, int expectedInstances) {
        Objects.requireNonNull(mode, "mode");
        if (expectedInstances < 1) {
            throw new IllegalArgumentException("store.expected-instances must be at least 1, was " + expectedInstances);
        }
        this.storeFailureMode = mode;
        this.expectedInstances = expectedInstances;
        return this;
    }

    /**
     * Whether instances on a shared store take tokens in blocks, one exchange with the store for many calls far from
     * the limit (one call's tokens at a time near it, as without): on unless set. A store without a lease ledger
     * ({@link QuotaStore#leases()}), and the local store, take one call's tokens at a time either way.
     */
    public QuotaGuardBuilder storeLeases(boolean enabled) {
        this.storeLeases = enabled;
        return this;
    }

    /** The prefix of every store key; {@code wxq} unless set. */
    public QuotaGuardBuilder keyPrefix(String keyPrefix) {
        this.keyPrefix = KeyPrefix.requireValid("key-prefix", keyPrefix);
        return this;
    }

    /**
     * The period of the periodic sync, 10 minutes unless set; zero turns it off. Every tenth of it a round asks
     * getApiQuota about the quotas whose answer can matter: first used today, past a share of the limit since the last
     * answer, in use all interval long past half the limit, or after an unexpected 45009; idle quotas are not asked.
     */
    public QuotaGuardBuilder syncInterval(Duration syncInterval) {
        if (syncInterval.isNegative()) {
            throw new IllegalArgumentException("sync.interval must not be negative, was " + syncInterval);
        }
        this.syncInterval = syncInterval;
        return this;
    }

    /** How many getApiQuota calls run at once; 8 unless set. */
    public QuotaGuardBuilder syncConcurrency(int syncConcurrency) {
        if (syncConcurrency < 1) {
            throw new IllegalArgumentException("sync.concurrency must be at least 1, was " + syncConcurrency);
        }
        this.syncConcurrency = syncConcurrency;
        return this;
    }

    /** Whether a quota first used after start-up is synced at once in the background; true unless set. */
    public QuotaGuardBuilder syncOnFirstUse(boolean syncOnFirstUse) {
        this.syncOnFirstUse = syncOnFirstUse;
        return this;
    }

    /** Allows clears: by CLEAR_AND_RETRY and by an operator, at most {@code maxPerMonth} (of WeChat's ten) a month. */
    public QuotaGuardBuilder clears(boolean enabled, int maxPerMonth) {
        if (maxPerMonth < 1 || maxPerMonth > 10) {
            throw new IllegalArgumentException("clear.max-per-month must be within [1, 10] (WeChat allows ten a month, "
                    + "console included); was " + maxPerMonth);
        }
        this.clearEnabled = enabled;
        this.maxClearsPerMonth = maxPerMonth;
        return this;
    }

    /** Retries of a call WeChat answered -1 (busy): attempts in all, and the first backoff, doubled each time. */
    public QuotaGuardBuilder retry(int maxAttempts, Duration initialBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry.max-attempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("retry.initial-backoff must not be negative, was " + initialBackoff);
        }
        this.retryMaxAttempts = maxAttempts;
        this.retryInitialBackoff = initialBackoff;
        return this;
    }

    /** The longest WAIT blocks a call; 5 seconds unless set. */
    public QuotaGuardBuilder maxWait(Duration maxWait) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("max-wait must not be negative, was " + maxWait);
        }
        this.maxWait = maxWait;
        return this;
    }

    /** Below this many e-waybills a balance is reported as low; 100 unless set. */
    public QuotaGuardBuilder waybillLowBalance(long waybillLowBalance) {
        if (waybillLowBalance < 0) {
            throw new IllegalArgumentException("waybill low-balance threshold must not be negative, was "
                    + waybillLowBalance);
        }
        this.waybillLowBalance = waybillLowBalance;
        return this;
    }

    /** Adds an account; the only one, or the one named by {@link #defaultAppId}, is the default. */
    public QuotaGuardBuilder app(AppSettings app) {
        Objects.requireNonNull(app, "app");
        if (apps.containsKey(app.appId())) {
            throw new IllegalArgumentException("app " + app.appId() + " was already added");
        }
        apps.put(app.appId(), app);
        return this;
    }

    /** The account for annotations without {@code appId} when several are configured. */
    public QuotaGuardBuilder defaultAppId(String defaultAppId) {
        this.defaultAppId = Objects.requireNonNull(defaultAppId, "defaultAppId");
        return this;
    }

    /** Appends a rule; the first matching rule that sets a value wins. */
    public QuotaGuardBuilder rule(QuotaRule rule) {
        rules.add(Objects.requireNonNull(rule, "rule"));
        return this;
    }

    /** The catalog of default limits; the built-in one unless set. */
    public QuotaGuardBuilder catalog(QuotaCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        return this;
    }

    /** How errcodes are found in results and exceptions; the built-in extractors unless set. */
    public QuotaGuardBuilder errcodeExtractor(ErrcodeExtractor errcodeExtractor) {
        this.errcodeExtractor = Objects.requireNonNull(errcodeExtractor, "errcodeExtractor");
        return this;
    }

    /** Tokens for getApiQuota and clear_quota; stable_token with the apps' secrets unless set. */
    public QuotaGuardBuilder accessTokenProvider(AccessTokenProvider accessTokenProvider) {
        this.accessTokenProvider = Objects.requireNonNull(accessTokenProvider, "accessTokenProvider");
        return this;
    }

    /** Adds a listener. */
    public QuotaGuardBuilder listener(QuotaListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** How the guard waits; {@link Sleeper#THREAD} unless set. */
    public QuotaGuardBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /** Runs the periodic sync; the guard starts (and stops) its own daemon thread unless set. */
    public QuotaGuardBuilder scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /**
     * Builds the guard and starts the periodic sync.
     *
     * @throws IllegalArgumentException when values do not fit together, naming them
     */
    public QuotaGuard build() {
        if (defaultAppId != null) {
            DefaultApp.problem(defaultAppId, apps.keySet()).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
        for (AppSettings app : apps.values()) {
            app.apis().forEach((path, api) -> requireHoldBackBelowOne(app.appId() + " " + path,
                    api.reserve().orElse(0)));
        }
        for (QuotaRule rule : rules) {
            requireHoldBackBelowOne("rule " + rule.match(), rule.reserve().orElse(0));
            if (rule.match().contains("://")) {
                CgiPath.requireValid(rule.match());
            }
        }
        return new QuotaEngine(this);
    }

    String resolvedDefaultAppId() {
        if (defaultAppId != null) {
            return defaultAppId;
        }
        return apps.size() == 1 ? apps.keySet().iterator().next() : null;
    }

    QuotaStore resolvedStore() {
        return store != null ? store : LocalQuotaStore.create(clock, 1_000_000);
    }

    private void requireHoldBackBelowOne(String where, double reserve) {
        if (reserve > 0 && safetyMargin + reserve >= 1) {
            throw new IllegalArgumentException("safety-margin (" + safetyMargin + ") plus reserve (" + reserve + ") of "
                    + where + " leaves nothing to call with; keep their sum below 1");
        }
    }
}
