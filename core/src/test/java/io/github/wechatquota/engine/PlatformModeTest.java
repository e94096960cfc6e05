package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.RecordedCall;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A third-party platform guarded as its users run it: one component appid configured, its authorized accounts known
 * only as calls for them appear, each counted on its own quota. WeChat is the simulator over HTTP, playing the platform
 * (component and authorizer tokens, getApiQuota with component_rate_limit, component/clear_quota/v2).
 */
class PlatformModeTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String PLATFORM = "wxcomponent0000001";
    private static final String PLATFORM_SECRET = "component-secret-5e2b91";
    private static final String MENU_CREATE = "/cgi-bin/menu/create";
    private static final int AUTHORIZERS = 2_000;

    private final MutableClock clock = MutableClock.at(
            ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, CHINA).toInstant(), CHINA);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger engineLogs = ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger("io.github.wechatquota.engine");
    private WeChatSimulator weChat;
    private QuotaGuard guard;

    @BeforeEach
    void start() {
        WeChatSimulator.Builder simulator = WeChatSimulator.builder().clock(clock).platform(PLATFORM, PLATFORM_SECRET);
        for (int i = 0; i < AUTHORIZERS; i++) {
            simulator.authorizer(PLATFORM, authorizer(i), "refreshtoken@@@" + i,
                    io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT);
        }
        weChat = simulator.start();
        logs.start();
        engineLogs.addAppender(logs);
    }

    @AfterEach
    void stop() {
        engineLogs.detachAppender(logs);
        if (guard != null) {
            guard.close();
        }
        weChat.close();
    }

    @Test
    void thousandsOfAuthorizedAccounts_eachSyncedWithItsOwnToken_andCountedOnItsOwnQuota() throws Exception {
        for (int i = 0; i < AUTHORIZERS; i++) {
            weChat.setUsed(authorizer(i), MENU_CREATE, i % 7);
        }
        GuardedApi menu = platformGuard(QuotaPolicy.REJECT);
        for (int i = 0; i < AUTHORIZERS; i++) {
            menu.bind(authorizer(i));
        }

        SyncReport report = guard.syncNow().get();

        assertThat(report.synced()).isEqualTo(AUTHORIZERS);
        long limit = weChat.quota(authorizer(0), MENU_CREATE).dailyLimit();
        assertThat(IntStream.range(0, AUTHORIZERS).filter(i -> remaining(authorizer(i)) != limit - i % 7)).isEmpty();
        assertThat(weChat.calls("/cgi-bin/openapi/quota/get")).extracting(RecordedCall::componentAppId)
                .containsOnly(PLATFORM);
    }

    @Test
    void appearingAuthorizers_areLoggedAsAHandfulOfLines() throws Exception {
        GuardedApi menu = platformGuard(QuotaPolicy.REJECT);

        for (int i = 0; i < AUTHORIZERS; i++) {
            menu.bind(authorizer(i));
        }

        assertThat(logs.list).filteredOn(event -> event.getFormattedMessage().contains("not configured"))
                .hasSize(4) // the first, then 10, 100 and 1,000
                .first().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("an account authorized to platform " + PLATFORM);
    }

    @Test
    void componentRateLimit_isTheMinuteLimitOfTheCallsTheplatformMakesForTheAccount() throws Exception {
        weChat.platforms().setComponentRateLimit(authorizer(1), MENU_CREATE, 30);
        GuardedApi menu = platformGuard(QuotaPolicy.REJECT);
        menu.bind(authorizer(1));

        guard.syncNow().get();

        assertThat(guard.snapshot(authorizer(1), MENU_CREATE).orElseThrow().perMinuteLimit()).hasValue(30);
    }

    @Test
    void aClearForAnAuthorizedAccount_goesThroughThePlatform_onTheAccountsMonthlyBudget() throws Exception {
        weChat.setDailyLimit(authorizer(3), MENU_CREATE, 2);
        GuardedApi menu = platformGuard(QuotaPolicy.CLEAR_AND_RETRY);
        menu.bind(authorizer(3));
        guard.syncNow().get();

        for (int call = 0; call < 3; call++) {
            guard.execute(menu, authorizer(3), () -> callMenuCreate(authorizer(3)));
        }

        List<RecordedCall> clears = weChat.calls(WeChatSimulator.COMPONENT_CLEAR_QUOTA_PATH);
        assertThat(clears).hasSize(1).first().satisfies(clear -> {
            assertThat(clear.appId()).isEqualTo(authorizer(3));
            assertThat(clear.errcode()).isZero();
        });
        assertThat(weChat.clearsUsedThisMonth(authorizer(3))).isEqualTo(1);
        assertThat(weChat.clearsUsedThisMonth(PLATFORM)).isZero();
        assertThat(weChat.successfulCalls(authorizer(3), MENU_CREATE)).isEqualTo(3);
    }

    @Test
    void thePlatformsOwnClear_usesItsSecretNotAToken() {
        platformGuard(QuotaPolicy.REJECT);

        ClearResult result = guard.clearNow(PLATFORM);

        assertThat(result).isEqualTo(ClearResult.CLEARED);
        assertThat(weChat.calls(WeChatSimulator.COMPONENT_CLEAR_QUOTA_PATH)).singleElement()
                .extracting(RecordedCall::appId).isEqualTo(PLATFORM);
        assertThat(weChat.clearsUsedThisMonth(PLATFORM)).isEqualTo(1);
    }

    @Test
    void clearAndRetry_spendsNoClearOnALifetimeTotal() throws Exception {
        guard = builder().clears(true, 3).build();
        GuardedApi codes = guard.register(ApiDefinition.builder("/wxa/getwxacode").dailyLimit(1)
                .policy(QuotaPolicy.CLEAR_AND_RETRY).build());
        guard.execute(codes, authorizer(9), () -> "{\"errcode\":0}");

        assertThatThrownBy(() -> guard.execute(codes, authorizer(9), () -> "{\"errcode\":0}"))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("a clear does not reset /wxa/getwxacode");
        assertThat(weChat.calls(WeChatSimulator.COMPONENT_CLEAR_QUOTA_PATH)).isEmpty();
    }

    @Test
    void rulesMatchThePlatformsAccounts_byPlatform() {
        guard = builder().rule(QuotaRule.forPattern("/cgi-bin/menu/**").platform(PLATFORM).dailyLimit(5).build())
                .app(AppSettings.of("wx0123456789abcdef", AccountType.OFFICIAL_ACCOUNT))
                .defaultAppId("wx0123456789abcdef").build();
        GuardedApi menu = guard.register(ApiDefinition.builder(MENU_CREATE).policy(QuotaPolicy.REJECT).build());

        menu.bind(authorizer(4));
        menu.bind("wx0123456789abcdef");

        assertThat(guard.snapshot(authorizer(4), MENU_CREATE).orElseThrow().dailyLimit()).hasValue(5);
        assertThat(guard.snapshot("wx0123456789abcdef", MENU_CREATE).orElseThrow().dailyLimit()).isNotEqualTo(
                java.util.OptionalLong.of(5));
    }

    @Test
    void withoutATokenSource_authorizedAccountsAreNotAsked_andSayWhyOnce() throws Exception {
        guard = QuotaGuard.builder().apiBaseUrl(weChat.baseUri()).clock(clock)
                .app(AppSettings.builder(PLATFORM, AccountType.THIRD_PARTY_PLATFORM).secret(PLATFORM_SECRET).build())
                .safetyMargin(0).syncInterval(Duration.ZERO).syncOnFirstUse(false).build();
        GuardedApi menu = guard.register(ApiDefinition.builder(MENU_CREATE).policy(QuotaPolicy.REJECT).build());
        for (int i = 0; i < 100; i++) {
            menu.bind(authorizer(i));
        }

        SyncReport report = guard.syncNow().get();

        assertThat(weChat.calls("/cgi-bin/openapi/quota/get")).isEmpty();
        assertThat(report.synced()).isZero();
        assertThat(guard.snapshot(authorizer(5), MENU_CREATE).orElseThrow().queryable()).isFalse();
        assertThat(guard.snapshot(authorizer(5), MENU_CREATE).orElseThrow().lastSyncError())
                .hasValueSatisfying(error -> assertThat(error).contains("AccessTokenProvider"));
        assertThat(logs.list).filteredOn(event -> event.getFormattedMessage().contains("cannot be synced")).hasSize(3);
        assertThat(guard.syncNow().get().skipped()).isEqualTo(100);
    }

    private GuardedApi platformGuard(QuotaPolicy policy) {
        guard = builder().clears(true, 3).build();
        return guard.register(ApiDefinition.builder(MENU_CREATE).policy(policy).build());
    }

    private QuotaGuardBuilder builder() {
        return QuotaGuard.builder().apiBaseUrl(weChat.baseUri()).clock(clock)
                .app(AppSettings.builder(PLATFORM, AccountType.THIRD_PARTY_PLATFORM).secret(PLATFORM_SECRET).build())
                .accessTokenProvider(this::token)
                .safetyMargin(0).syncInterval(Duration.ZERO).syncOnFirstUse(false).syncConcurrency(16);
    }

    /**
     * The application's tokens, kept as an application keeps them: the platform's component token, and each authorized
     * account's authorizer token.
     */
    private String token(String appId) {
        return tokens.computeIfAbsent(appId, id -> id.equals(PLATFORM) ? weChat.platforms().issueComponentToken(PLATFORM)
                : weChat.platforms().issueAuthorizerToken(PLATFORM, id));
    }

    private final java.util.Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private String callMenuCreate(String appId) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(weChat.baseUri().resolve(MENU_CREATE + "?access_token="
                        + token(appId))).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private long remaining(String appId) {
        return guard.snapshot(appId, MENU_CREATE).orElseThrow().remaining().orElse(-1);
    }

    private static String authorizer(int i) {
        return String.format("wxauthorizer%06d", i);
    }
}
