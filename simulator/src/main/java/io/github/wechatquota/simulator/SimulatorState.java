package io.github.wechatquota.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** What the simulated WeChat knows and has seen: accounts, limits, tokens, rids, knobs and the call record. */
final class SimulatorState {

    static final int MINUTE_REFRESH_SECONDS = 60;
    private static final int MAX_RECORDED_CALLS = 1_000_000;

    final Clock clock;
    final SimulatorCatalog catalog;
    final TokenRegistry tokens;
    final RidLog rids = new RidLog();
    final FaultPlan faults;

    private final Map<String, AccountLedger> ledgers = new ConcurrentHashMap<>();
    private final Map<String, Long> dailyLimitsForAll = new ConcurrentHashMap<>();
    private final Map<String, PlatformLedger> platforms = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<RecordedCall> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger recordedCount = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile double drift;

    SimulatorState(Clock clock, SimulatorCatalog catalog, Duration tokenLifetime, long seed) {
        this.clock = clock;
        this.catalog = catalog;
        this.tokens = new TokenRegistry(tokenLifetime);
        this.faults = new FaultPlan(seed);
    }

    Instant now() {
        return clock.instant();
    }

    void addAccount(SimulatedAccount account) {
        if (ledgers.putIfAbsent(account.appId(), new AccountLedger(account)) != null) {
            throw new IllegalArgumentException("Account " + account.appId() + " is already registered");
        }
    }

    /** Serves a third-party platform: its own account (for its token APIs' quotas) and its platform ledger. */
    synchronized void addPlatform(String componentAppId, String secret) {
        if (platforms.containsKey(componentAppId)) {
            throw new IllegalArgumentException("Platform " + componentAppId + " is already registered");
        }
        addAccount(new SimulatedAccount(componentAppId, secret, AccountType.THIRD_PARTY_PLATFORM));
        platforms.put(componentAppId, new PlatformLedger(componentAppId, secret));
    }

    Optional<PlatformLedger> platform(String componentAppId) {
        return componentAppId == null ? Optional.empty() : Optional.ofNullable(platforms.get(componentAppId));
    }

    PlatformLedger requirePlatform(String componentAppId) {
        return platform(componentAppId).orElseThrow(() -> new IllegalArgumentException(
                "No simulated platform " + componentAppId + "; serve it first: platform(...) on the builder or "
                        + "platforms().add(...)"));
    }

    Optional<AccountLedger> ledger(String appId) {
        return appId == null ? Optional.empty() : Optional.ofNullable(ledgers.get(appId));
    }

    AccountLedger requireLedger(String appId) {
        return ledger(appId).orElseThrow(() -> new IllegalArgumentException(
                "No simulated account " + appId + "; serve it first: account(...) on the builder, or --account "
                        + "APPID:SECRET[:TYPE] on the command line"));
    }

    AccountLedger.Limits limits(AccountLedger ledger, String cgiPath) {
        Optional<SimulatorCatalog.Entry> entry = catalog.find(ledger.account().type(), cgiPath);
        long daily = ledger.dailyLimitOverride(cgiPath).orElse(
                dailyLimitsForAll.getOrDefault(cgiPath, entry.map(SimulatorCatalog.Entry::dailyLimit).orElse(-1L)));
        long perMinute = ledger.minuteLimitOverride(cgiPath).orElse(
                entry.map(SimulatorCatalog.Entry::perMinuteLimit).orElse(-1L));
        long componentPerMinute = ledger.componentMinuteLimit(cgiPath).orElse(-1L);
        return new AccountLedger.Limits(daily, perMinute, componentPerMinute, MINUTE_REFRESH_SECONDS);
    }

    /** Whether the account's type may call the path (or a test gave the account a limit for it). */
    boolean mayCall(AccountLedger ledger, String cgiPath) {
        return catalog.find(ledger.account().type(), cgiPath).isPresent()
                || ledger.dailyLimitOverride(cgiPath).isPresent();
    }

    /** Whether a path is WeChat's: in the catalog, or given a daily limit by a test (for any account). */
    boolean knows(String cgiPath) {
        return catalog.knowsAnywhere(cgiPath) || dailyLimitsForAll.containsKey(cgiPath)
                || ledgers.values().stream().anyMatch(ledger -> ledger.dailyLimitOverride(cgiPath).isPresent());
    }

    QuotaSnapshot quota(AccountLedger ledger, String cgiPath) {
        long limit = Math.max(0, limits(ledger, cgiPath).daily());
        long used = ledger.used(cgiPath, now(), drift);
        return new QuotaSnapshot(limit, used, Math.max(0, limit - used));
    }

    void setDailyLimitForAll(String cgiPath, long limit) {
        dailyLimitsForAll.put(cgiPath, limit);
    }

    Duration latency() {
        return latency;
    }

    void setLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
        this.latency = latency;
    }

    double drift() {
        return drift;
    }

    void setDrift(double drift) {
        if (!(drift >= 0 && drift < 1)) {
            throw new IllegalArgumentException("drift must be within [0, 1), was " + drift);
        }
        this.drift = drift;
    }

    void record(RecordedCall call) {
        calls.add(call);
        if (recordedCount.incrementAndGet() > MAX_RECORDED_CALLS && calls.poll() != null) {
            recordedCount.decrementAndGet();
        }
    }

    List<RecordedCall> calls() {
        return new ArrayList<>(calls);
    }

    /** Counts, limits set by tests, clears, balances, faults, latency, drift and the record back to the start. */
    void reset() {
        ledgers.values().forEach(AccountLedger::reset);
        dailyLimitsForAll.clear();
        faults.clear();
        latency = Duration.ZERO;
        drift = 0;
        resetCalls();
    }

    void resetCalls() {
        calls.clear();
        recordedCount.set(0);
    }
}
