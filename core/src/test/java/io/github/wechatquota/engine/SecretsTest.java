package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.simulator.Fault;
import io.github.wechatquota.token.AccessTokenProvider;
import io.github.wechatquota.wechat.StableToken;
import io.github.wechatquota.wechat.WeChatAdminClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs the guard through everything that produces messages (syncs, exhaustion, clears, a rejected token, a malformed
 * reply, a timeout) and proves that no log line, exception, report or {@code toString} shows the app secret or a token.
 */
class SecretsTest extends EngineTestSupport {

    private static final String UNQUERYABLE = "/cgi-bin/not/in/wechat";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Level rootLevel;
    /** Every text the guard showed: log lines, exception chains, reports, snapshots. */
    private final List<String> shown = Collections.synchronizedList(new ArrayList<>());
    /** Every token the simulator issued in the test. */
    private final Set<String> tokens = Collections.synchronizedSet(new LinkedHashSet<>());

    @BeforeEach
    void captureAllLogs() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    /** Issues tokens through the simulator, noting each. */
    private final class IssuingProvider implements AccessTokenProvider {
        private volatile String current;

        @Override
        public String getAccessToken(String appId) {
            String token = current;
            if (token == null) {
                token = issue(appId);
                current = token;
            }
            return token;
        }

        @Override
        public void invalidate(String appId, String token) {
            current = null;
        }
    }

    /** A provider whose failure message carries the secret and a token, as a careless one might. */
    private final class CarelessProvider implements AccessTokenProvider {
        @Override
        public String getAccessToken(String appId) {
            String token = issue(appId);
            throw new IllegalStateException("GET /cgi-bin/token?appid=" + appId + "&secret=" + SECRET
                    + " failed; last token " + token, new RuntimeException("access_token=" + token));
        }
    }

    private String issue(String appId) {
        String token = weChat.issueToken(appId);
        tokens.add(token);
        return token;
    }

    /** What stable_token hands out now (the same token until it expires or is forced), noted as issued. */
    private void noteStableToken() {
        String reply = post("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP_ID
                + "\",\"secret\":\"" + SECRET + "\"}");
        try {
            String token = new ObjectMapper().readTree(reply).path("access_token").asText("");
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        } catch (java.io.IOException e) {
            // a fault meant for the guard's own fetch: nothing issued
        }
    }

    /** Calls a business API with a token of the test's own, noted as issued. */
    private String business(String cgiPath) {
        return post(cgiPath + "?access_token=" + issue(APP_ID), "{}");
    }

    private void show(Object value) {
        shown.add(String.valueOf(value));
    }

    private void show(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        shown.add(trace.toString());
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            shown.add(String.valueOf(t.getMessage()));
            shown.add(t.toString());
            for (Throwable suppressed : t.getSuppressed()) {
                show(suppressed);
            }
        }
    }

    private void attempt(ThrowingRunnable step) {
        try {
            step.run();
        } catch (Throwable thrown) {
            show(thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Throwable;
    }

    private void showState() {
        show(guard.snapshots());
        guard.snapshots().forEach(this::show);
        show(guard.clearStatus(APP_ID));
        show(guard.waybills());
        show(guard.appIds());
        show(guard);
    }

    private void showLogs() {
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            shown.add(event.getFormattedMessage());
            shown.add(event.getMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    shown.add(String.valueOf(argument));
                }
            }
            IThrowableProxy proxy = event.getThrowableProxy();
            if (proxy != null) {
                shown.add(ThrowableProxyUtil.asString(proxy));
                for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
                    shown.add(p.getMessage());
                }
            }
        }
    }

    private void assertNothingShown() {
        showLogs();
        assertThat(tokens).as("tokens issued in the scenario").isNotEmpty();
        assertThat(shown).as("texts shown").isNotEmpty();
        for (String text : List.copyOf(shown)) {
            if (text == null) {
                continue;
            }
            assertThat(text).as("shown text").doesNotContain(SECRET);
            for (String token : tokens) {
                assertThat(text).as("shown text").doesNotContain(token);
            }
        }
    }

    /** Sync, exhaustion, clears, a rejected token, malformed replies, a timeout: every path that talks or tells. */
    private void runScenario() {
        GuardedApi menu = guard.register(ApiDefinition.builder(MENU_CREATE).policy(QuotaPolicy.CLEAR_AND_RETRY)
                .build());
        GuardedApi rejecting = guard.register(ApiDefinition.builder(CUSTOM_SEND).dailyLimit(2)
                .policy(QuotaPolicy.REJECT).build());
        GuardedApi unqueryable = guard.register(ApiDefinition.builder(UNQUERYABLE).dailyLimit(5)
                .policy(QuotaPolicy.REJECT).build());

        attempt(() -> show(guard.execute(menu, null, () -> business(MENU_CREATE))));
        attempt(() -> guard.execute(unqueryable, null, () -> "local only"));
        attempt(() -> show(guard.syncNow().join()));
        noteStableToken();

        // exhausted before the call, and by WeChat's 45009
        attempt(() -> guard.execute(rejecting, null, () -> business(CUSTOM_SEND)));
        attempt(() -> guard.execute(rejecting, null, () -> business(CUSTOM_SEND)));
        attempt(() -> guard.execute(rejecting, null, () -> business(CUSTOM_SEND)));
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 1);
        weChat.setUsed(APP_ID, MENU_CREATE, 1);
        clock.advance(Duration.ofMinutes(1));
        attempt(() -> show(guard.execute(menu, null, () -> business(MENU_CREATE)))); // 45009, then a clear
        noteStableToken();

        // an operator's clear
        clock.advance(Duration.ofMinutes(1));
        attempt(() -> show(guard.clearNow(APP_ID)));

        // a rejected token: the sync invalidates it and fetches another
        weChat.revokeTokens(APP_ID);
        attempt(() -> show(guard.syncNow().join()));
        noteStableToken();

        // malformed replies and a timeout
        weChat.faults().next("/cgi-bin/openapi/quota/get", Fault.MALFORMED_JSON, 1);
        attempt(() -> show(guard.syncNow().join()));
        weChat.faults().next("/cgi-bin/openapi/quota/get", Fault.HTTP_500, 1);
        attempt(() -> show(guard.syncNow().join()));
        weChat.faults().hangTime(Duration.ofSeconds(5)).next("/cgi-bin/openapi/quota/get", Fault.HANG, 1);
        attempt(() -> show(guard.syncNow().join()));
        showState();

        // a token that expires under the guard, then a malformed token reply
        weChat.expireTokens(APP_ID);
        weChat.faults().next("/cgi-bin/stable_token", Fault.MALFORMED_JSON, 1);
        attempt(() -> show(guard.syncNow().join()));
        attempt(() -> show(guard.syncNow().join()));
        noteStableToken();

        // the token API used up: clear_quota/v2 with the secret
        weChat.revokeTokens(APP_ID);
        weChat.setDailyLimit(APP_ID, "/cgi-bin/stable_token", 1);
        weChat.setUsed(APP_ID, "/cgi-bin/stable_token", 1);
        clock.advance(Duration.ofMinutes(1));
        attempt(() -> show(guard.clearNow(APP_ID)));
        attempt(() -> show(guard.syncNow().join()));
        showState();
    }

    private QuotaGuardBuilder secretsGuard() {
        return guardBuilder()
                .adminClient(WeChatAdminClient.builder().baseUrl(weChat.baseUri()).readTimeout(Duration.ofMillis(300))
                        .build())
                .clears(true, 10);
    }

    @Test
    void builtInTokenProvider_showsNeitherSecretNorToken() {
        startGuard(secretsGuard());

        runScenario();

        assertThat(weChat.calls("/cgi-bin/clear_quota/v2")).as("the scenario reached clear_quota/v2").isNotEmpty();
        assertNothingShown();
    }

    @Test
    void userTokenProvider_showsNoToken() {
        startGuard(secretsGuard().accessTokenProvider(new IssuingProvider()));

        runScenario();

        assertNothingShown();
    }

    @Test
    void carelessTokenProvider_failureShowsNeitherSecretNorToken() {
        startGuard(secretsGuard().accessTokenProvider(new CarelessProvider()));
        GuardedApi menu = guard.register(ApiDefinition.of(MENU_CREATE));
        attempt(() -> guard.execute(menu, null, () -> "ok"));

        attempt(() -> show(guard.syncNow().join()));
        attempt(() -> show(guard.clearNow(APP_ID)));
        showState();

        assertNothingShown();
    }

    @Test
    void wrongSecret_showsNeitherIt() {
        String wrong = "wrong-secret-9d1c";
        startGuard(QuotaGuard.builder()
                .apiBaseUrl(weChat.baseUri())
                .clock(clock)
                .app(AppSettings.builder(APP_ID, AccountType.OFFICIAL_ACCOUNT).secret(wrong).build())
                .syncInterval(Duration.ZERO)
                .syncOnFirstUse(false)
                .clears(true, 3));
        GuardedApi menu = guard.register(ApiDefinition.of(MENU_CREATE));
        attempt(() -> guard.execute(menu, null, () -> "ok"));

        attempt(() -> show(guard.syncNow().join()));
        attempt(() -> show(guard.clearNow(APP_ID)));
        showState();
        showLogs();

        assertThat(shown).anySatisfy(text -> assertThat(text).contains("40125"));
        assertThat(shown).noneSatisfy(text -> assertThat(text).contains(wrong));
    }

    @Test
    void settingsAndTokens_toString_hideTheCredential() {
        AppSettings app = AppSettings.builder(APP_ID, AccountType.OFFICIAL_ACCOUNT).secret(SECRET).build();
        StableToken token = new StableToken("a-stable-token-value-123456", Duration.ofSeconds(7200));

        assertThat(app.toString()).doesNotContain(SECRET).contains("secret=***");
        assertThat(token.toString()).doesNotContain("a-stable-token-value-123456");
    }
}
