package io.github.wechatquota.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Feign;
import feign.Headers;
import feign.RequestLine;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.WaybillAccount;
import io.github.wechatquota.engine.WaybillSnapshot;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaybillBalanceTest {

    private static final String MINI_APP = "wxmini0000000001";
    private static final String ORDER = "{\"order_id\":\"o-1\",\"delivery_id\":\"YTO\",\"biz_id\":\"xyz\"}";

    interface LogisticsClient {
        @RequestLine("POST /cgi-bin/express/business/order/add")
        @Headers("Content-Type: application/json")
        @WeChatApi(cgiPath = "/cgi-bin/express/business/order/add")
        String addOrder(String orderJson);
    }

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private WeChatSimulator weChat;
    private QuotaGuard guard;
    private LogisticsClient client;

    @BeforeEach
    void start() {
        weChat = WeChatSimulator.builder().clock(clock)
                .account(MINI_APP, "mini-secret", io.github.wechatquota.simulator.AccountType.MINI_PROGRAM).start();
        weChat.setWaybillBalance(MINI_APP, "YTO", "xyz", 2);
        guard = QuotaGuard.builder()
                .apiBaseUrl(weChat.baseUri())
                .clock(clock)
                .app(AppSettings.builder(MINI_APP, AccountType.MINI_PROGRAM).secret("mini-secret").build())
                .syncInterval(Duration.ZERO)
                .syncOnFirstUse(false)
                .waybillLowBalance(5)
                .build();
        client = Feign.builder()
                .addCapability(new WeChatQuotaCapability(guard))
                .requestInterceptor(template -> template.query("access_token", weChat.issueToken(MINI_APP)))
                .target(LogisticsClient.class, weChat.baseUri().toString());
    }

    @AfterEach
    void stop() {
        guard.close();
        weChat.close();
    }

    @Test
    void orderAdd_usesOneWaybillOfTheSyncedBalance() {
        assertThat(client.addOrder(ORDER)).contains("\"errcode\":0");

        WaybillSnapshot balance = guard.waybills().get(0);
        assertThat(balance.account()).isEqualTo(new WaybillAccount("YTO", "xyz"));
        assertThat(balance.balance()).hasValue(1);
        assertThat(weChat.calls("/cgi-bin/express/business/quota/get")).hasSize(1);
    }

    @Test
    void orderAdd_withTheBalanceUsedUp_isRejectedWithoutCallingWeChat() {
        client.addOrder(ORDER);
        client.addOrder(ORDER);

        assertThatThrownBy(() -> client.addOrder(ORDER))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("e-waybill balance of YTO/xyz is used up")
                .satisfies(e -> assertThat(((QuotaExhaustedException) e).getResetAt()).isNull());
        assertThat(weChat.calls("/cgi-bin/express/business/order/add")).hasSize(2);
    }

    @Test
    void balance_belowTheThreshold_isReportedLow() {
        client.addOrder(ORDER);

        assertThat(guard.waybills()).singleElement().satisfies(balance -> assertThat(balance.low()).isTrue());
    }

    @Test
    void sync_seesARecharge() {
        client.addOrder(ORDER);
        client.addOrder(ORDER);
        weChat.setWaybillBalance(MINI_APP, "YTO", "xyz", 50);

        guard.syncNow().join();

        assertThat(guard.waybills()).singleElement().satisfies(balance -> {
            assertThat(balance.balance()).hasValue(50);
            assertThat(balance.low()).isFalse();
        });
        assertThat(client.addOrder(ORDER)).contains("\"errcode\":0");
    }

    @Test
    void balance_thatCannotBeSynced_letsTheOrderThroughForWeChatToJudge() {
        weChat.setWaybillBalance(MINI_APP, "YTO", "xyz", 0);
        String unbound = "{\"order_id\":\"o-2\",\"delivery_id\":\"SF\",\"biz_id\":\"nobody\"}";

        String reply = client.addOrder(unbound);

        assertThat(reply).contains("9300501");
        assertThat(guard.waybills()).singleElement().satisfies(balance -> {
            assertThat(balance.balance()).isEmpty();
            assertThat(balance.lastSyncError().orElseThrow()).contains("9300501");
        });
    }
}
