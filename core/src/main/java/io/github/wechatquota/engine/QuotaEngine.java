package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.QuotaCatalog;
import io.github.wechatquota.errcode.ErrcodeExtractor;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.token.AccessTokenProvider;
import io.github.wechatquota.token.StableTokenProvider;
import io.github.wechatquota.wechat.WeChatAdminClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
    private final Clock clock;
    private final QuotaStore store;
    private final StoreCircuit circuit;
    private final AppDirectory apps;
    private final Listeners listeners;
    private final TokenCalls tokens;
    private final QuotaSyncer syncer;
    private final QuotaRegistry quotas;
    private final TokenApis tokenApis;
    private final ClearCoordinator clears;
    private final WaybillBalances waybills;
    private final CallPath callPath;
    private final boolean clearEnabled;
    private final ZoneId zone;
    private final ExecutorService syncPool;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ScheduledFuture<?> periodicSync;
    private final SyncDemand demand;
    /** Periodic rounds run so far: the e-waybill balances are synced once an interval, on every tenth. */
    private long rounds;
    private final MidnightRollover midnight;

    QuotaEngine(QuotaGuardBuilder builder) {
        this.clock = builder.clock;
        this.zone = builder.zone;
        QuotaDays days = new QuotaDays(clock, zone);
        this.store = builder.resolvedStore();
        this.circuit = new StoreCircuit(store, builder.storeFailureMode, builder.expectedInstances, clock,
                builder.storeLeases ? Leasing.on() : Leasing.off());
        this.apps = new AppDirectory(builder.apps, builder.resolvedDefaultAppId());
        QuotaCatalog catalog = builder.catalog != null ? builder.catalog : QuotaCatalog.builtIn();
        LimitResolver resolver = new LimitResolver(catalog, apps, builder.rules, builder.safetyMargin,
                builder.defaultPolicy);
        ErrcodeExtractor errcodes = builder.errcodeExtractor;
        this.listeners = new Listeners(builder.listeners);
        this.clearEnabled = builder.clearEnabled;
        WeChatAdminClient admin = builder.adminClient != null ? builder.adminClient
                : WeChatAdminClient.builder().baseUrl(builder.apiBaseUrl).build();
        this.syncPool = Executors.newFixedThreadPool(builder.syncConcurrency, daemonThreads("wechat-quota-sync"));
        TokenSources sources = tokenSources(builder, admin);
        this.demand = new SyncDemand(days, builder.syncInterval);
        this.tokens = sources.calls();
        this.syncer = new QuotaSyncer(admin, tokens, syncPool, listeners, store,
                // A round's sync of a quota is claimed for most of a round: of many instances one asks per round.
                builder.syncInterval.isZero() ? Duration.ZERO
                        : demand.round().multipliedBy(9).dividedBy(10));
        this.quotas = new QuotaRegistry(store, circuit, builder.keyPrefix, days, resolver, syncer,
                builder.syncOnFirstUse);
        ApiDefinition tokenApi = ApiDefinition.of(QuotaRegistry.STABLE_TOKEN_PATH);
        this.tokenApis = new TokenApis(new GuardedApi(tokenApi, quotas, apps, null),
                new GuardedApi(tokenApi, quotas, apps, QuotaPolicy.REJECT));
        this.clears = new ClearCoordinator(store.clears(), admin, sources.forClears(), apps, errcodes, clock, zone,
                builder.maxClearsPerMonth, listeners, quotas, syncer);
        this.waybills = new WaybillBalances(store, admin, tokens, clock, builder.keyPrefix, builder.waybillLowBalance);
        this.callPath = new CallPath(builder, errcodes, listeners, tokens, syncer, clears, waybills,
                ForkJoinPool.commonPool());
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler
                ? Executors.newSingleThreadScheduledExecutor(daemonThreads("wechat-quota-scheduler"))
                : builder.scheduler;
        long round = demand.round().toMillis();
        this.periodicSync = builder.syncInterval.toMillis() > 0
                ? scheduler.scheduleWithFixedDelay(this::periodicSync, round, round, TimeUnit.MILLISECONDS)
                : null;
        this.midnight = new MidnightRollover(days, scheduler, quotas, syncer);
        midnight.start();
    }

    /** The token calls of calls and syncs, and those of clears. */
    private record TokenSources(TokenCalls calls, TokenCalls forClears) {
    }

    /**
     * The token API as the built-in provider fetches through it: for calls and syncs under its configured policy; for
     * clears under REJECT, so that an exhausted token API ends in clear_quota/v2, never in a second clear.
     */
    private record TokenApis(GuardedApi forCalls, GuardedApi forClears) {
    }

    private TokenSources tokenSources(QuotaGuardBuilder builder, WeChatAdminClient admin) {
        if (builder.accessTokenProvider != null) {
            TokenCalls calls = new TokenCalls(new SafeTokenProvider(builder.accessTokenProvider));
            return new TokenSources(calls, calls);
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        apps.all().forEach((appId, app) -> {
            if (app.hasSecret()) {
                secrets.put(appId, app.secret().orElseThrow());
            }
        });
        // The token API has a quota of its own: fetching through the guard counts it like any other call. The quotas
        // exist only once the syncs, which need tokens, do: the fetches find the token API when they run.
        StableTokenProvider provider = new StableTokenProvider(secrets, guardedFetch(false, admin), clock,
                Duration.ofMinutes(5));
        StableTokenProvider forClears = provider.fetchingWith(guardedFetch(true, admin));
        return new TokenSources(new TokenCalls(provider, secrets::containsKey),
                new TokenCalls(forClears, secrets::containsKey));
    }

    private StableTokenProvider.Fetcher guardedFetch(boolean forClears, WeChatAdminClient admin) {
        return (appId, secret, force) -> {
            GuardedApi tokenApi = forClears ? this.tokenApis.forClears() : this.tokenApis.forCalls();
            try {
                return execute(tokenApi, appId, () -> admin.getStableToken(appId, secret, force));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    // ---- registration -----------------------------------------------------------------------------------------

    @Override
    public GuardedApi register(ApiDefinition definition) {
        return new GuardedApi(definition, quotas, apps, null);
    }

    // ---- the call path ----------------------------------------------------------------------------------------

    @Override
    public <C> Object call(GuardedApi api, String appId, C context, GuardedCall<C> call) throws Throwable {
        return callPath.call(api.binding(appId), api.definition().cost(), api.usesWaybills(), context, call);
    }

    @Override
    public <C> CompletableFuture<Object> callAsync(GuardedApi api, String appId, C context, GuardedCall<C> call) {
        QuotaBinding binding;
        try {
            binding = api.binding(appId);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return new AsyncCall<>(callPath, binding, api.definition().cost(), api.usesWaybills(), context, call).permit();
    }

    // ---- administration ---------------------------------------------------------------------------------------

    /** One round: the quotas whose answer can matter now ({@link SyncDemand}), claimed once across instances. */
    private void periodicSync() {
        try {
            syncer.syncAll(quotas.all().stream().filter(demand::due).toList(), true).join();
            if (rounds++ % SyncDemand.ROUNDS_PER_INTERVAL == 0) {
                waybills.syncAll();
            }
        } catch (RuntimeException e) {
            LOG.warn("Periodic sync failed", e);
        }
    }

    @Override
    public CompletableFuture<SyncReport> syncNow() {
        CompletableFuture<Void> balances = CompletableFuture.runAsync(waybills::syncAll, syncPool);
        return syncer.syncAll(quotas.all()).thenCombine(balances, (report, done) -> report);
    }

    @Override
    public List<WaybillSnapshot> waybills() {
        return waybills.snapshots();
    }

    @Override
    public ClearResult clearNow(String appId) {
        if (!clearEnabled) {
            throw new IllegalStateException("Clears are disabled: set wechat.quota.clear.enabled=true to allow them "
                    + "(QuotaGuard.builder().clears(true, n) without Spring)");
        }
        return clears.clearOnce(appId, clock.millis());
    }

    @Override
    public ClearStatus clearStatus(String appId) {
        return clears.status(appId);
    }

    @Override
    public List<QuotaSnapshot> snapshots() {
        return quotas.all().stream()
                .filter(KeyState::declared)
                .map(KeyState::snapshot)
                .sorted(Comparator.comparing(QuotaSnapshot::appId).thenComparing(QuotaSnapshot::cgiPath))
                .toList();
    }

    @Override
    public Optional<QuotaSnapshot> snapshot(String appId, String cgiPath) {
        return quotas.get(new QuotaKey(appId, cgiPath)).filter(KeyState::declared)
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
        quotas.all().forEach(KeyState::close); // leases go back while the store is still open
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
