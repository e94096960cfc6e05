package io.github.wechatquota.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Feign;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WeChatQuotaCapabilityTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String OTHER_APP = "wxfedcba9876543210";
    private static final String SEND = "/cgi-bin/message/custom/send";

    /** A Feign client as a user would write one; the token comes from a request interceptor. */
    interface WeChatClient {
        @RequestLine("POST /cgi-bin/message/custom/send")
        @Headers("Content-Type: application/json")
        @WeChatApi(cgiPath = "/cgi-bin/message/custom/send")
        String sendCustomMessage(String json);

        @RequestLine("POST /cgi-bin/menu/create")
        @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 1, onExhausted = QuotaPolicy.FALLBACK,
                fallbackMethod = "menuLater")
        String createMenu(String json);

        default String menuLater(String json, QuotaExhaustedException cause) {
            return "queued until " + cause.getResetAt();
        }

        @RequestLine("POST /cgi-bin/user/get?appid={appId}")
        @WeChatApi(cgiPath = "/cgi-bin/user/get", dailyLimit = 1, appId = "#appId")
        String listFollowers(@Param("appId") String appId);

        @RequestLine("GET /cgi-bin/menu/get")
        String unguarded();
    }

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private WeChatSimulator weChat;
    private QuotaGuard guard;
    private WeChatClient client;

    @BeforeEach
    void start() {
        weChat = WeChatSimulator.builder().clock(clock)
                .account(APP_ID, "secret-one", io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT)
                .account(OTHER_APP, "secret-two", io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT)
                .start();
        guard = QuotaGuard.builder()
                .apiBaseUrl(weChat.baseUri())
                .clock(clock)
                .app(AppSettings.builder(APP_ID, AccountType.OFFICIAL_ACCOUNT).secret("secret-one").build())
                .app(AppSettings.builder(OTHER_APP, AccountType.OFFICIAL_ACCOUNT).secret("secret-two").build())
                .defaultAppId(APP_ID)
                .safetyMargin(0)
                .syncInterval(Duration.ZERO)
                .syncOnFirstUse(false)
                .build();
        client = Feign.builder()
                .addCapability(new WeChatQuotaCapability(guard))
                .requestInterceptor(template -> {
                    String appId = template.queries().containsKey("appid")
                            ? template.queries().get("appid").iterator().next() : APP_ID;
                    template.query("access_token", weChat.issueToken(appId));
                })
                .target(WeChatClient.class, weChat.baseUri().toString());
    }

    @AfterEach
    void stop() {
        guard.close();
        weChat.close();
    }

    @Test
    void guardedMethod_underTheLimit_reachesWeChat() {
        assertThat(client.sendCustomMessage("{}")).contains("\"errcode\":0");
        assertThat(weChat.successfulCalls(APP_ID, SEND)).isEqualTo(1);
    }

    @Test
    void manyThreads_getExactlyTheLimitThroughAndNoneIsLimitedByWeChat() throws Exception {
        weChat.setDailyLimit(APP_ID, SEND, 1000);
        client.sendCustomMessage("{}");
        guard.syncNow().join();
        AtomicInteger rejected = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Void>> callers = new ArrayList<>();
            for (int thread = 0; thread < 16; thread++) {
                callers.add(() -> {
                    for (int i = 0; i < 70; i++) {
                        try {
                            client.sendCustomMessage("{}");
                        } catch (QuotaExhaustedException e) {
                            rejected.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(callers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(weChat.successfulCalls(APP_ID, SEND)).isEqualTo(1000);
        assertThat(weChat.calls(SEND)).noneMatch(call -> call.errcode() == 45009);
        assertThat(rejected.get()).isEqualTo(16 * 70 - 999);
    }

    @Test
    void defaultMethodFallback_isCalledWhenTheQuotaIsUsedUp() {
        client.createMenu("{}");

        String second = client.createMenu("{}");

        assertThat(second).isEqualTo("queued until 2026-11-22T16:00:00Z");
        assertThat(weChat.calls("/cgi-bin/menu/create")).hasSize(1);
    }

    @Test
    void appIdExpression_countsEachAccountSeparately() {
        client.listFollowers(APP_ID);
        client.listFollowers(OTHER_APP);

        assertThatThrownBy(() -> client.listFollowers(OTHER_APP)).isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining(OTHER_APP);
        assertThat(weChat.successfulCalls(OTHER_APP, "/cgi-bin/user/get")).isEqualTo(1);
        assertThat(guard.snapshots()).extracting(s -> s.appId() + " " + s.cgiPath())
                .contains(APP_ID + " /cgi-bin/user/get", OTHER_APP + " /cgi-bin/user/get");
    }

    @Test
    void clientWithConstantAppIds_hasItsQuotasBeforeTheFirstCall() {
        assertThat(guard.snapshots()).extracting(s -> s.cgiPath())
                .containsExactlyInAnyOrder(SEND, "/cgi-bin/menu/create");
    }

    @Test
    void methodWithoutTheAnnotation_passesThroughUncounted() {
        client.unguarded();

        assertThat(guard.snapshots()).extracting(s -> s.cgiPath()).doesNotContain("/cgi-bin/menu/get");
        assertThat(weChat.calls("/cgi-bin/menu/get")).hasSize(1);
    }

    @Test
    void objectMethods_ofTheClient_stillWork() {
        assertThat(client.toString()).contains("WeChatClient");
        assertThat(client).isEqualTo(client);
    }
}
