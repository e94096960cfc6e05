package io.github.wechatquota.spring.httpservice;

import static io.github.wechatquota.spring.httpservice.HttpServiceClientApplication.APP_ID;
import static io.github.wechatquota.spring.httpservice.HttpServiceClientApplication.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a Spring HTTP service client with {@code @WeChatApi} methods gets, however its proxy is made: each subclass
 * makes it its own way, against a simulator of its own ({@link #weChat()}), over HTTP.
 */
@ActiveProfiles("it")
public abstract class HttpServiceClientContract {

    @Autowired
    protected QuotaGuard guard;
    @Autowired
    protected MeterRegistry meters;

    /** The client under test. */
    protected abstract WeChatHttpClient client();

    /** The subclass's simulator. */
    protected abstract WeChatSimulator weChat();

    /** A WeChat serving the application's two accounts. */
    protected static WeChatSimulator startWeChat() {
        return WeChatSimulator.builder()
                .account(APP_ID, HttpServiceClientApplication.SECRET, AccountType.OFFICIAL_ACCOUNT)
                .account(OTHER_APP, HttpServiceClientApplication.OTHER_SECRET, AccountType.OFFICIAL_ACCOUNT)
                .start();
    }

    protected static void useWeChat(DynamicPropertyRegistry registry, WeChatSimulator weChat) {
        registry.add("wechat.quota.api-base-url", () -> weChat.baseUri().toString());
    }

    @Test
    void startUp_syncedTheClientsApisBeforeTheFirstCall() {
        assertThat(guard.snapshot(APP_ID, "/cgi-bin/menu/delete").orElseThrow().lastSyncedAt()).isPresent();
    }

    @Test
    void client_isHeldToItsLimitAndEachCallCountedOnce() {
        int rejected = 0;
        for (int i = 0; i < 6; i++) {
            try {
                assertThat(client().sendCustomMessage("{}")).contains("\"errcode\":0");
            } catch (QuotaExhaustedException e) {
                rejected++;
            }
        }

        assertThat(rejected).isEqualTo(3);
        assertThat(weChat().successfulCalls(APP_ID, "/cgi-bin/message/custom/send")).isEqualTo(3);
        assertThat(guard.snapshot(APP_ID, "/cgi-bin/message/custom/send").orElseThrow().remaining()).hasValue(0);
    }

    @Test
    void client_fallsBackToItsDefaultMethod() {
        client().createMenu("{}");

        assertThat(client().createMenu("{}")).isEqualTo("menu queued");
        assertThat(weChat().calls("/cgi-bin/menu/create")).hasSize(1);
    }

    @Test
    void client_weChat45009InAMap_drainsTheQuotaAndFallsBack() {
        weChat().setDailyLimit(APP_ID, "/cgi-bin/menu/delete", 1);
        client().deleteMenu();

        Map<String, Object> second = client().deleteMenu();

        assertThat(second.get("queued")).asString().contains("WeChat answered 45009");
        assertThat(guard.snapshot(APP_ID, "/cgi-bin/menu/delete").orElseThrow().remaining().orElseThrow()).isZero();
    }

    @Test
    void client_spelAppId_countsEachAccountSeparately() {
        client().listFollowers(APP_ID);
        client().listFollowers(APP_ID);
        client().listFollowers(OTHER_APP);

        assertThatThrownBy(() -> client().listFollowers(APP_ID)).isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining(APP_ID);
        assertThat(client().listFollowers(OTHER_APP)).contains("\"errcode\":0");
        assertThat(weChat().successfulCalls(OTHER_APP, "/cgi-bin/user/get")).isEqualTo(2);
    }

    @Test
    void client_tokenWeChatRejects_isRefreshedAndTheCallRetried() {
        client().getMenu(APP_ID);
        weChat().revokeTokens(APP_ID);

        assertThat(client().getMenu(APP_ID)).contains("\"errcode\":0");
        assertThat(weChat().successfulCalls(APP_ID, "/cgi-bin/menu/get")).isEqualTo(2);
    }

    @Test
    void client_callsAreCountedInTheMeters() {
        client().getMenu(OTHER_APP);

        assertThat(meters.get("wechat.quota.calls").tags("app_id", OTHER_APP, "cgi_path", "/cgi-bin/menu/get",
                "outcome", "permitted").counter().count()).isEqualTo(1);
    }
}
