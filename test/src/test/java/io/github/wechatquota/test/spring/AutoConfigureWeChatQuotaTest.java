package io.github.wechatquota.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.ClearResult;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.Fault;
import io.github.wechatquota.test.WeChatTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** What the annotation wires into a real application context, and what it resets between tests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "wechat.quota.apps." + AutoConfigureWeChatQuotaTest.ACCOUNT + ".secret=account-secret",
        "wechat.quota.apps." + AutoConfigureWeChatQuotaTest.MINI + ".secret=mini-secret",
        "wechat.quota.apps." + AutoConfigureWeChatQuotaTest.MINI + ".account-type=mini-program",
        "wechat.quota.safety-margin=0",
        "wechat.quota.max-wait=2m",
        "wechat.quota.clear.enabled=true",
        "wechat.quota.clear.max-per-month=1"})
@AutoConfigureWeChatQuota
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureWeChatQuotaTest {

    static final String ACCOUNT = "wx1111111111111111";
    static final String MINI = "wx2222222222222222";
    private static final String MENU_CREATE = "/cgi-bin/menu/create";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    WeChatTestServer weChat;

    @Autowired
    QuotaGuard guard;

    @Autowired
    Clock clock;

    @Autowired
    Environment environment;

    private GuardedApi menuCreate;

    /** The guard knows the quota before the first call, as it does for an annotated method's constant appid. */
    @BeforeEach
    void bindMenuCreate() {
        menuCreate = guard.register(ApiDefinition.of(MENU_CREATE));
        menuCreate.bind(ACCOUNT);
    }

    @Test
    @Order(1)
    void aTestUsesUpAQuotaAndLeavesScriptedAnswersUnused() throws Exception {
        weChat.quota(ACCOUNT, MENU_CREATE).hasDailyLimit(50).isUsedUp();
        weChat.nextCall(MENU_CREATE).answers(40013, 2).fails(Fault.HTTP_500);

        assertThat(guard.snapshot(ACCOUNT, MENU_CREATE).orElseThrow().remaining()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    @Order(2)
    void theNextTestFindsWeChatResetAndTheGuardSyncedFromIt() throws Exception {
        long catalogLimit = weChat.quota(ACCOUNT, MENU_CREATE).remaining();

        assertThat(guard.snapshot(ACCOUNT, MENU_CREATE).orElseThrow().remaining())
                .isEqualTo(OptionalLong.of(catalogLimit));
        assertThat(createMenu()).contains("\"errcode\":0");
        weChat.received(MENU_CREATE).answered(0);
    }

    @Test
    @Order(3)
    void aTestSpendsTheMonthsOnlyClear() {
        assertThat(guard.clearNow(ACCOUNT)).isEqualTo(ClearResult.CLEARED);
    }

    @Test
    @Order(4)
    void theNextTestHasTheMonthsClearsAgain() {
        assertThat(guard.clearStatus(ACCOUNT).usedThisMonth()).isZero();
        assertThat(guard.clearNow(ACCOUNT)).isEqualTo(ClearResult.CLEARED);
    }

    @Test
    void hasLeft_isKnownToTheGuardAtOnce_soTheCallPastItNeverReachesWeChat() throws Exception {
        weChat.quota(ACCOUNT, MENU_CREATE).hasLeft(1);

        assertThat(createMenu()).contains("\"errcode\":0");
        assertThat(guard.snapshot(ACCOUNT, MENU_CREATE).orElseThrow().exhausted()).isTrue();
        weChat.received(MENU_CREATE).hasCount(1);
    }

    @Test
    void aWaitForTheNextMinuteMovesTheClock_notTheThread() throws Exception {
        GuardedApi oncePerMinute = guard.register(ApiDefinition.builder("/cgi-bin/message/custom/send")
                .perMinuteLimit(1).policy(QuotaPolicy.WAIT).build());
        Instant start = clock.instant();

        guard.execute(oncePerMinute, ACCOUNT, () -> "first");
        guard.execute(oncePerMinute, ACCOUNT, () -> "second");

        assertThat(Duration.between(start, clock.instant())).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theStarterCallsTheSimulator() {
        assertThat(environment.getProperty("wechat.quota.api-base-url")).isEqualTo(weChat.baseUri().toString());
    }

    @Test
    void everyConfiguredAccountIsServedWithItsSecretAndType() {
        assertThat(guard.accessTokens().getAccessToken(MINI)).isNotBlank();
        weChat.simulator().setWaybillBalance(MINI, "YTO", "biz", 5); // refused unless MINI is a mini program
        assertThat(guard.accessTokens().getAccessToken(ACCOUNT)).isNotBlank();
    }

    @Test
    void theApplicationsClockIsTheSimulatorsAndMovesWithIt() {
        weChat.clock().advance(Duration.ofHours(1));

        assertThat(clock).isSameAs(weChat.clock());
        assertThat(clock.instant()).isEqualTo(weChat.simulator().clock().instant());
    }

    private String createMenu() throws Exception {
        return guard.execute(menuCreate, ACCOUNT, () -> {
            URI uri = weChat.baseUri().resolve(MENU_CREATE + "?access_token="
                    + guard.accessTokens().getAccessToken(ACCOUNT));
            return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        });
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }
}
