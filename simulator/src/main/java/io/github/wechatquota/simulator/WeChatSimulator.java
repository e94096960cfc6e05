package io.github.wechatquota.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server that answers like {@code api.weixin.qq.com} for everything quota-related: tokens, daily and
 * minute limits (45009, 45011), getApiQuota, clear_quota and its v2, clearApiQuota, getRidInfo, the e-waybill
 * balance, and every catalogued business API. Faults, latency and counting drift are knobs; every call is recorded.
 *
 * <pre>{@code
 * try (WeChatSimulator weChat = WeChatSimulator.builder()
 *         .account("wx0123456789abcdef", "secret", AccountType.OFFICIAL_ACCOUNT)
 *         .start()) {
 *     weChat.setDailyLimit("wx0123456789abcdef", "/cgi-bin/menu/create", 3);
 *     URI base = weChat.baseUri(); // http://127.0.0.1:<free port>
 * }
 * }</pre>
 *
 * Days are counted 00:00-24:00 Asia/Shanghai by the injected clock, clears by calendar month there.
 */
public final class WeChatSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WeChatSimulator.class.getName());
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    /** A third-party platform's token API: component_access_token for appid, secret and verify ticket. */
    public static final String COMPONENT_TOKEN_PATH = "/cgi-bin/component/api_component_token";

    /** A third-party platform's token API for an authorized account: authorizer_access_token for a refresh token. */
    public static final String AUTHORIZER_TOKEN_PATH = "/cgi-bin/component/api_authorizer_token";

    /** clear_quota for a platform, or for an account authorized to it, with the platform's appsecret. */
    public static final String COMPONENT_CLEAR_QUOTA_PATH = "/cgi-bin/component/clear_quota/v2";

    /** Logistics getQuota: the e-waybill balance of a courier account. */
    public static final String WAYBILL_QUOTA_PATH = "/cgi-bin/express/business/quota/get";

    private final SimulatorState state;
    private final SimulatedPlatforms platforms;
    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private WeChatSimulator(Builder builder) throws IOException {
        // The JDK server leaves Nagle's algorithm on, so a small answer waits for the client's delayed ACK (~40 ms on
        // loopback). Read once, when the first server of the JVM starts; a value set by the user is left alone.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        this.state = new SimulatorState(builder.clock, SimulatorCatalog.load(), builder.tokenLifetime, builder.seed);
        builder.accounts.forEach(state::addAccount);
        this.platforms = new SimulatedPlatforms(state);
        builder.platforms.forEach(platform -> platforms.add(platform.componentAppId(), platform.secret()));
        builder.authorizations.forEach(grant -> platforms.authorize(grant.componentAppId(), grant.authorizerAppId(),
                grant.refreshToken(), grant.type()));
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "wechat-simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(builder.address, builder.port), 512);
        server.createContext("/", new WeChatApiHandler(state, mapper, stopped));
        server.createContext("/_simulator/", new ControlHandler(this, mapper));
        server.setExecutor(executor);
        server.start();
        LOG.log(System.Logger.Level.DEBUG, () -> "WeChat simulator listening on " + baseUri());
    }

    /** A builder for a simulator on a free loopback port with the system clock and no accounts. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where the simulator listens, e.g. {@code http://127.0.0.1:53124}: use it as the WeChat API base URL. */
    public URI baseUri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** The port the simulator listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The clock that decides days, months and token expiry. */
    public Clock clock() {
        return state.clock;
    }

    /** Registers another account; its appid must be new. */
    public void addAccount(SimulatedAccount account) {
        state.addAccount(account);
    }

    /** Sets the daily limit of one API for one account, overriding the catalog; 0 or less means no limit. */
    public void setDailyLimit(String appId, String cgiPath, long dailyLimit) {
        state.requireLedger(appId).setDailyLimit(cgiPath, dailyLimit);
    }

    /** Sets the daily limit of one API for every account, unless an account has its own. */
    public void setDailyLimitForAll(String cgiPath, long dailyLimit) {
        state.setDailyLimitForAll(cgiPath, dailyLimit);
    }

    /** Sets the per-minute limit of one API for one account; 0 or less means none. */
    public void setPerMinuteLimit(String appId, String cgiPath, long perMinuteLimit) {
        state.requireLedger(appId).setMinuteLimit(cgiPath, perMinuteLimit);
    }

    /** Sets today's count of one API, as if that many calls had been made elsewhere. */
    public void setUsed(String appId, String cgiPath, long used) {
        state.requireLedger(appId).setUsed(cgiPath, used, state.now());
    }

    /** What getApiQuota would answer for the API now. */
    public QuotaSnapshot quota(String appId, String cgiPath) {
        return state.quota(state.requireLedger(appId), cgiPath);
    }

    /** The clear_quota calls (v1 and v2 together) the account has used this calendar month, of ten. */
    public int clearsUsedThisMonth(String appId) {
        return state.requireLedger(appId).clearsUsed(state.now());
    }

    /** Sets this month's clear count, as if clears had been made in the admin console. */
    public void setClearsUsedThisMonth(String appId, int used) {
        state.requireLedger(appId).setClearsUsed(used, state.now());
    }

    /** The clearApiQuota calls the account has used this calendar month, of fifty. */
    public int apiClearsUsedThisMonth(String appId) {
        return state.requireLedger(appId).apiClearsUsed(state.now());
    }

    /**
     * Binds a courier account ({@code delivery_id}, {@code biz_id}) to the app with an e-waybill balance, or sets the
     * balance of one already bound: {@value #WAYBILL_QUOTA_PATH} then answers it, and each order add uses one.
     *
     * @throws IllegalArgumentException when the app is not served, may not call the logistics APIs (only mini
     *     programs may), a courier id is blank or the balance is negative
     */
    public void setWaybillBalance(String appId, String deliveryId, String bizId, long balance) {
        AccountLedger ledger = state.requireLedger(appId);
        if (!state.mayCall(ledger, WAYBILL_QUOTA_PATH)) {
            throw new IllegalArgumentException("appid " + appId + " is served as " + ledger.account().type().id()
                    + ", which may not call " + WAYBILL_QUOTA_PATH + " (WeChat answers 48001): serve it as a "
                    + AccountType.MINI_PROGRAM.id() + " to give it e-waybill accounts");
        }
        if (deliveryId == null || deliveryId.isBlank() || bizId == null || bizId.isBlank()) {
            throw new IllegalArgumentException("an e-waybill account needs a delivery_id (the courier, e.g. YTO) and a"
                    + " biz_id (the account at that courier), got delivery_id '" + deliveryId + "' and biz_id '"
                    + bizId + "'");
        }
        if (balance < 0) {
            throw new IllegalArgumentException("an e-waybill balance must be 0 or more, got " + balance);
        }
        ledger.setWaybillBalance(deliveryId, bizId, balance);
    }

    /** The e-waybill balance, or -1 when the courier account is not bound. */
    public long waybillBalance(String appId, String deliveryId, String bizId) {
        return state.requireLedger(appId).waybillBalance(deliveryId, bizId).orElse(-1);
    }

    /** Issues a token without counting a call: for tests that need one without going through the token API. */
    public String issueToken(String appId) {
        state.requireLedger(appId);
        return state.tokens.issue(appId, state.now()).token();
    }

    /** Every token of the app expires now: the next call with one answers 42001. */
    public void expireTokens(String appId) {
        state.tokens.expireAll(appId, state.now());
    }

    /** Every token of the app becomes invalid: the next call with one answers 40001. */
    public void revokeTokens(String appId) {
        state.tokens.revokeAll(appId);
    }

    /** The third-party platforms served, their authorized accounts, verify tickets and component minute limits. */
    public SimulatedPlatforms platforms() {
        return platforms;
    }

    /** Delays every WeChat answer by this much; zero unless set. */
    public void setLatency(Duration latency) {
        state.setLatency(Objects.requireNonNull(latency, "latency"));
    }

    /**
     * Makes WeChat over-count, as its counters do by about 1%: with drift 0.01, 1000 real calls are reported, and
     * limited, as 1010.
     */
    public void setDrift(double drift) {
        state.setDrift(drift);
    }

    /** The faults to inject; changes apply to the next requests. */
    public FaultPlan faults() {
        return state.faults;
    }

    /** Every request received so far, oldest first (at most the last million). */
    public List<RecordedCall> calls() {
        return state.calls();
    }

    /** The recorded requests to one path, oldest first. */
    public List<RecordedCall> calls(String path) {
        List<RecordedCall> matching = new ArrayList<>();
        for (RecordedCall call : state.calls()) {
            if (call.path().equals(path)) {
                matching.add(call);
            }
        }
        return matching;
    }

    /** How many requests to the path succeeded (errcode 0, no fault) for the account. */
    public long successfulCalls(String appId, String path) {
        return state.calls().stream()
                .filter(call -> call.succeeded() && call.path().equals(path) && appId.equals(call.appId()))
                .count();
    }

    /** Forgets the recorded calls; counters and limits are untouched. */
    public void resetCalls() {
        state.resetCalls();
    }

    /**
     * Puts WeChat back as it started, for the next test: today's counts, limits set by tests, this month's clears,
     * e-waybill balances, faults, latency, drift and the call record. Accounts, tokens and the clock stay, so a
     * client's cached token keeps working.
     */
    public void reset() {
        state.reset();
    }

    /** Stops the server: hung and delayed answers are released, the port is freed. */
    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Configures a simulator; {@link #start()} starts it. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private Duration tokenLifetime = Duration.ofSeconds(7200);
        private long seed = 20_131_004L;
        private final List<SimulatedAccount> accounts = new ArrayList<>();
        private final List<Platform> platforms = new ArrayList<>();
        private final List<Authorization> authorizations = new ArrayList<>();

        private record Platform(String componentAppId, String secret) {
        }

        private record Authorization(String componentAppId, String authorizerAppId, String refreshToken,
                AccountType type) {
        }

        private Builder() {
        }

        /** The clock for days, months, minute windows and token expiry; the system clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be within [0, 65535], was " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to listen on; loopback unless set. */
        public Builder address(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** How long issued tokens live; 7200 seconds, as WeChat's, unless set. */
        public Builder tokenLifetime(Duration tokenLifetime) {
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("token lifetime must be positive, was " + tokenLifetime);
            }
            this.tokenLifetime = tokenLifetime;
            return this;
        }

        /** The seed for faults injected at a rate, so that a run can be repeated. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Adds an account. */
        public Builder account(String appId, String secret, AccountType type) {
            return account(new SimulatedAccount(appId, secret, type));
        }

        /** Adds an account. */
        public Builder account(SimulatedAccount account) {
            Objects.requireNonNull(account, "account");
            if (accounts.stream().anyMatch(a -> a.appId().equals(account.appId()))) {
                throw new IllegalArgumentException("Account " + account.appId() + " was already added");
            }
            accounts.add(account);
            return this;
        }

        /**
         * Adds a third-party platform, also served as an account of type third-party-platform; see {@link
         * SimulatedPlatforms}. Push a verify ticket before asking for its component_access_token.
         */
        public Builder platform(String componentAppId, String componentSecret) {
            Objects.requireNonNull(componentAppId, "componentAppId");
            Objects.requireNonNull(componentSecret, "componentSecret");
            platforms.add(new Platform(componentAppId, componentSecret));
            return this;
        }

        /** Authorizes an account to a platform added before; see {@link SimulatedPlatforms#authorize}. */
        public Builder authorizer(String componentAppId, String authorizerAppId, String refreshToken,
                AccountType type) {
            if (platforms.stream().noneMatch(p -> p.componentAppId().equals(componentAppId))) {
                throw new IllegalArgumentException("Platform " + componentAppId + " was not added: platform(...) "
                        + "comes first");
            }
            authorizations.add(new Authorization(componentAppId, Objects.requireNonNull(authorizerAppId,
                    "authorizerAppId"), Objects.requireNonNull(refreshToken, "refreshToken"),
                    Objects.requireNonNull(type, "type")));
            return this;
        }

        /**
         * Starts the simulator.
         *
         * @throws UncheckedIOException when the port cannot be bound
         */
        public WeChatSimulator start() {
            try {
                return new WeChatSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the WeChat simulator on " + address.getHostAddress()
                        + ":" + port + " (" + e.getMessage() + "); choose another port or 0 for a free one", e);
            }
        }
    }
}
