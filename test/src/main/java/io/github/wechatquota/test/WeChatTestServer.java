package io.github.wechatquota.test;

import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.SimulatedAccount;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The WeChat a test talks to: a {@link WeChatSimulator} on a free loopback port, a clock the test moves, and one-line
 * controls. {@link WeChatSimulatorTest} (plain JUnit 5) and {@code @AutoConfigureWeChatQuota} (Spring Boot) start one
 * and {@linkplain #reset() reset} it before each test.
 *
 * <pre>{@code
 * weChat.quota(APP_ID, "/cgi-bin/menu/create").hasLeft(3);        // three calls left today
 * weChat.nextCall("/cgi-bin/message/custom/send").answers(45009);  // WeChat says no, once
 * weChat.clock().advance(Duration.ofDays(1));                      // past midnight in China
 * weChat.received("/cgi-bin/menu/create").hasCount(3);             // what WeChat was asked
 * }</pre>
 */
public final class WeChatTestServer implements AutoCloseable {

    /** The account served unless a test or the application configures others. */
    public static final String DEFAULT_APP_ID = "wx0123456789abcdef";

    /** The default account's secret. */
    public static final String DEFAULT_SECRET = "wechat-quota-test-secret";

    /** Where the clock starts: 10:00 in China on a Monday, far from midnight and from a month's end. */
    public static final Instant START = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai"))
            .toInstant();

    private final WeChatSimulator simulator;
    private final MutableClock clock;
    private final List<Runnable> quotaChangeActions = new CopyOnWriteArrayList<>();

    private WeChatTestServer(MutableClock clock, List<SimulatedAccount> accounts) {
        this.clock = clock;
        WeChatSimulator.Builder builder = WeChatSimulator.builder().clock(clock);
        accounts.forEach(builder::account);
        this.simulator = builder.start();
    }

    /** Starts a server that serves the {@linkplain #DEFAULT_APP_ID default account} (an official account). */
    public static WeChatTestServer start() {
        return start(List.of(new SimulatedAccount(DEFAULT_APP_ID, DEFAULT_SECRET, AccountType.OFFICIAL_ACCOUNT)));
    }

    /** Starts a server that serves these accounts, with the clock at {@link #START}. */
    public static WeChatTestServer start(List<SimulatedAccount> accounts) {
        return new WeChatTestServer(MutableClock.at(START, ZoneId.of("Asia/Shanghai")), List.copyOf(accounts));
    }

    /** The WeChat API base URL to give the code under test, e.g. {@code http://127.0.0.1:53124}. */
    public URI baseUri() {
        return simulator.baseUri();
    }

    /**
     * The clock WeChat counts days and minutes by. It stands still until the test moves it, and is never moved back
     * between tests: a test that needs a certain moment moves it forward there.
     */
    public MutableClock clock() {
        return clock;
    }

    /** The simulator itself, for what the one-line controls do not cover (latency, drift, clears, e-waybills). */
    public WeChatSimulator simulator() {
        return simulator;
    }

    /** Serves another account from now on. */
    public void serve(String appId, String secret, AccountType type) {
        simulator.addAccount(new SimulatedAccount(appId, secret, type));
    }

    /** One API's quota for one account today, as WeChat counts it. */
    public QuotaControl quota(String appId, String cgiPath) {
        return new QuotaControl(simulator, Objects.requireNonNull(appId, "appId"),
                Objects.requireNonNull(cgiPath, "cgiPath"), this::quotaChanged);
    }

    /** One API's quota for the {@linkplain #DEFAULT_APP_ID default account}. */
    public QuotaControl quota(String cgiPath) {
        return quota(DEFAULT_APP_ID, cgiPath);
    }

    /** How WeChat answers the next calls to one API (whichever account makes them). */
    public NextCall nextCall(String cgiPath) {
        return new NextCall(simulator.faults(), Objects.requireNonNull(cgiPath, "cgiPath"));
    }

    /** The calls WeChat has received for one path since the test began, oldest first. */
    public ReceivedCalls received(String cgiPath) {
        return new ReceivedCalls(cgiPath, simulator.calls(cgiPath));
    }

    /**
     * Runs {@code action} after each change a {@link QuotaControl} makes, so that a client can learn of it as from
     * getApiQuota: the Spring support syncs the application's guard there.
     */
    public void onQuotaChange(Runnable action) {
        quotaChangeActions.add(Objects.requireNonNull(action, "action"));
    }

    /** WeChat as it started, for the next test: see {@link WeChatSimulator#reset()}. The clock stays where it is. */
    public void reset() {
        simulator.reset();
    }

    /** Stops the server. */
    @Override
    public void close() {
        simulator.close();
    }

    private void quotaChanged() {
        quotaChangeActions.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return "WeChatTestServer[" + baseUri() + ", " + clock + "]";
    }
}
