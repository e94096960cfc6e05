package io.github.wechatquota.engine;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.QuotaCatalog;
import io.github.wechatquota.errcode.ErrcodeExtractor;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.token.AccessTokenProvider;
import io.github.wechatquota.token.StableTokenProvider;
import io.github.wechatquota.wechat.Errcodes;
import io.github.wechatquota.wechat.WeChatAdminClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link QuotaGuard}: quotas by key, the call path with its policies, sync and clears. */
final class QuotaEngine implements QuotaGuard {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaEngine.class);
    private static final String STABLE_TOKEN_PATH = "/cgi-bin/stable_token";

    private final Clock clock;
    private final QuotaStore store;
    private final StoreCircuit circuit;
    private final String keyPrefix;
    private final AppDirectory apps;
    private final LimitResolver resolver;
    private final ErrcodeExtractor errcodes;
    private final Listeners listeners;
    private final TokenCalls tokens;
    private final QuotaSyncer syncer;
    private final ClearCoordinator clears;
    private final WaybillBalances waybills;
    private final CallPath callPath;
    private final boolean clearEnabled;
    private final boolean syncOnFirstUse;
    private final java.time.ZoneId zone;
    private final Map<QuotaKey, KeyState> states = new ConcurrentHashMap<>();
    private final ExecutorService syncPool;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ScheduledFuture<?> periodicSync;
    private final MidnightRollover midnight;

    QuotaEngine(QuotaGuardBuilder builder) {
        this.clock = builder.clock;
        this.zone = builder.zone;
        this.store = builder.resolvedStore();
        this.circuit = new StoreCircuit(store, builder.storeFailureMode, builder.expectedInstances, clock);
        this.keyPrefix = builder.keyPrefix;
        this.apps = new AppDirectory(builder.apps, builder.resolvedDefaultAppId());
        QuotaCatalog catalog = builder.catalog != null ? builder.catalog : QuotaCatalog.builtIn();
        this.resolver = new LimitResolver(catalog, apps, builder.rules, builder.safetyMargin, builder.defaultPolicy);
        this.errcodes = builder.errcodeExtractor;
        this.listeners = new Listeners(builder.listeners);
        this.clearEnabled = builder.clearEnabled;
        this.syncOnFirstUse = builder.syncOnFirstUse;
        WeChatAdminClient admin = builder.adminClient != null ? builder.adminClient
                : WeChatAdminClient.builder().baseUrl(builder.apiBaseUrl).build();
        AccessTokenProvider provider = builder.accessTokenProvider != null
                ? new SafeTokenProvider(builder.accessTokenProvider)
                : builtInTokenProvider(admin);
        this.tokens = new TokenCalls(provider);
        this.syncPool = Executors.newFixedThreadPool(builder.syncConcurrency, daemonThreads("wechat-quota-sync"));
        this.syncer = new QuotaSyncer(admin, tokens, syncPool, listeners, store,
                builder.syncInterval.isZero() ? Duration.ZERO : builder.syncInterval.multipliedBy(9).dividedBy(10));
        this.clears = new ClearCoordinator(store.clears(), admin, tokens, apps, errcodes, clock, zone,
                builder.maxClearsPerMonth, listeners, this::afterClear);
        this.waybills = new WaybillBalances(store, admin, tokens, clock, keyPrefix, builder.waybillLowBalance);
        this.callPath = new CallPath(builder, errcodes, listeners, tokens, clears, waybills, ForkJoinPool.commonPool());
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler
                ? Executors.newSingleThreadScheduledExecutor(daemonThreads("wechat-quota-scheduler"))
                : builder.scheduler;
        long interval = builder.syncInterval.toMillis();
        this.periodicSync = interval > 0
                ? scheduler.scheduleWithFixedDelay(this::periodicSync, interval, interval, TimeUnit.MILLISECONDS)
                : null;
        this.midnight = new MidnightRollover(new QuotaDays(clock, zone), scheduler, () -> List.copyOf(states.values()),
                quotas -> syncer.syncAll(quotas, true));
        midnight.start();
    }

    private AccessTokenProvider builtInTokenProvider(WeChatAdminClient admin) {
        Map<String, String> secrets = new LinkedHashMap<>();
        apps.all().forEach((appId, app) -> {
            if (app.hasSecret()) {
                secrets.put(appId, app.secret().orElseThrow());
            }
        });
        // The token API has a quota of its own: fetching through the guard counts it like any other call.
        GuardedApi tokenApi = register(ApiDefinition.of(STABLE_TOKEN_PATH));
        StableTokenProvider.Fetcher fetcher = (appId, secret, force) -> {
            try {
                return execute(tokenApi, appId, () -> admin.getStableToken(appId, secret, force));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        return new StableTokenProvider(secrets, fetcher, clock, Duration.ofMinutes(5));
    }

    // ---- registration -----------------------------------------------------------------------------------------

    @Override
    public GuardedApi register(ApiDefinition definition) {
        return new GuardedApi(definition, apps::defaultAppId, appId -> bind(definition, appId));
    }

    private GuardedApi.Binding bind(ApiDefinition definition, String appId) {
        QuotaKey key = new QuotaKey(appId, definition.cgiPath());
        QuotaPolicy policy = resolver.policy(key, definition.policy());
        if (policy == QuotaPolicy.FALLBACK && !definition.hasFallback()) {
            throw new IllegalArgumentException("Policy FALLBACK applies to " + key + " (from configuration or a rule) but "
                    + "its method names no fallbackMethod: add one to its @WeChatApi, or choose another policy for it");
        }
        boolean[] created = new boolean[1];
        KeyState state = states.computeIfAbsent(key, k -> {
            created[0] = true;
            return new KeyState(k, keyPrefix + ":" + k.appId() + ":" + k.cgiPath(), store, clock, zone, resolver,
                    circuit, syncer::syncOne);
        });
        state.declare(definition, policy);
        long usable = state.currentLimits().usable();
        if (usable > 0 && definition.cost() > usable) {
            throw new IllegalArgumentException("cost " + definition.cost() + " of " + key + " exceeds its usable daily "
                    + "limit " + usable + ": no call could ever be made");
        }
        if (created[0] && syncOnFirstUse && state.queryable() && !definition.cgiPath().equals(STABLE_TOKEN_PATH)) {
            syncer.sync(state);
        }
        return new GuardedApi.Binding(state, policy);
    }

    // ---- the call path ----------------------------------------------------------------------------------------

    @Override
    public <C> Object call(GuardedApi api, String appId, C context, GuardedCall<C> call) throws Throwable {
        return callPath.call(api.binding(appId), api.definition().cost(), api.usesWaybills(), context, call);
    }

    @Override
    public <C> CompletableFuture<Object> callAsync(GuardedApi api, String appId, C context, GuardedCall<C> call) {
        GuardedApi.Binding binding;
        try {
            binding = api.binding(appId);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return callPath.callAsync(binding, api.definition().cost(), api.usesWaybills(), context, call);
    }

    // ---- administration ---------------------------------------------------------------------------------------

    private void afterClear(String appId) {
        List<KeyState> cleared = new ArrayList<>();
        states.values().stream().filter(state -> state.key.appId().equals(appId)).forEach(state -> {
            state.refillAfterClear();
            cleared.add(state);
        });
        syncer.syncAll(cleared);
    }

    private void periodicSync() {
        try {
            syncer.syncAll(List.copyOf(states.values()), true).join();
            waybills.syncAll();
        } catch (RuntimeException e) {
            LOG.warn("Periodic sync failed", e);
        }
    }

    @Override
    public CompletableFuture<SyncReport> syncNow() {
        CompletableFuture<Void> balances = CompletableFuture.runAsync(waybills::syncAll, syncPool);
        return syncer.syncAll(List.copyOf(states.values())).thenCombine(balances, (report, done) -> report);
    }

    @Override
    public List<WaybillSnapshot> waybills() {
        return waybills.snapshots();
    }

    @Override
    public ClearResult clearNow(String appId) {
        if (!clearEnabled) {
            throw new IllegalStateException("Clears are disabled: set wechat.quota.clear.enabled=true to allow them");
        }
        return clears.clearOnce(appId, clock.millis());
    }

    @Override
    public ClearStatus clearStatus(String appId) {
        return clears.status(appId);
    }

    @Override
    public List<QuotaSnapshot> snapshots() {
        return states.values().stream()
                .filter(KeyState::declared)
                .map(KeyState::snapshot)
                .sorted(Comparator.comparing(QuotaSnapshot::appId).thenComparing(QuotaSnapshot::cgiPath))
                .toList();
    }

    @Override
    public Optional<QuotaSnapshot> snapshot(String appId, String cgiPath) {
        return Optional.ofNullable(states.get(new QuotaKey(appId, cgiPath))).filter(KeyState::declared)
                .map(KeyState::snapshot);
    }

    @Override
    public AccessTokenProvider accessTokens() {
        return tokens.provider();
    }

    @Override
    public StoreStatus storeStatus() {
        return circuit.status();
    }

    @Override
    public Set<String> appIds() {
        return apps.all().keySet();
    }

    @Override
    public void close() {
        midnight.close();
        if (periodicSync != null) {
            periodicSync.cancel(false);
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        syncPool.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
