package io.github.wechatquota.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.forecast.QuotaForecaster;
import io.github.wechatquota.simulator.MutableClock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint as a platform reads it: a few hundred authorized accounts, shown a page at a time, filtered to those used
 * up or running low. The guard is real (local store, no WeChat asked); each authorizer appears on its first call.
 */
class QuotaQueryEndpointTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String PLATFORM_APP = "wx0000000000000000";
    private static final String SEND = "/cgi-bin/message/custom/send";
    private static final int AUTHORIZERS = 250;
    private static final long LIMIT = 10;

    private final MutableClock clock = MutableClock.at(
            ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, CHINA).toInstant(), CHINA);
    private QuotaGuard guard;
    private WeChatQuotaEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        guard = QuotaGuard.builder().clock(clock)
                .app(AppSettings.builder(PLATFORM_APP, AccountType.THIRD_PARTY_PLATFORM).build())
                .safetyMargin(0).syncInterval(Duration.ZERO).syncOnFirstUse(false).build();
        GuardedApi send = guard.register(
                ApiDefinition.builder(SEND).dailyLimit(LIMIT).policy(QuotaPolicy.REJECT).build());
        for (int i = 0; i < AUTHORIZERS; i++) {
            // Authorizer i has used i % 11 of its 10 calls: those ending in 10 are used up, 8 and 9 run low.
            send.bind(authorizer(i));
            for (int call = 0; call < i % 11; call++) {
                guard.execute(send, authorizer(i), () -> "ok");
            }
        }
        endpoint = new WeChatQuotaEndpoint(guard, QuotaForecaster.of(guard, clock, CHINA));
    }

    @AfterEach
    void stop() {
        guard.close();
    }

    @Test
    void withoutParameters_theFirstHundredAccountsInAppidOrder_andHowManyThereAre() {
        Map<String, Object> reply = endpoint.quotas(null, null, null, null, null);

        assertThat(reply).extractingByKey("apps").asInstanceOf(MAP).hasSize(100)
                .containsKey(PLATFORM_APP).containsKey(authorizer(98)).doesNotContainKey(authorizer(99));
        assertThat(reply).extractingByKey("page").asInstanceOf(MAP)
                .containsEntry("number", 0).containsEntry("size", 100)
                .containsEntry("totalApps", AUTHORIZERS + 1).containsEntry("totalPages", 3);
    }

    @Test
    void theLastPage_holdsWhatIsLeft() {
        Map<String, Object> reply = endpoint.quotas(null, null, null, 2, null);

        assertThat(reply).extractingByKey("apps").asInstanceOf(MAP).hasSize(51)
                .containsKey(authorizer(AUTHORIZERS - 1));
    }

    @Test
    void exhausted_onlyAccountsWithAQuotaUsedUp() {
        Map<String, Object> reply = endpoint.quotas(null, true, null, null, 1000);

        assertThat(reply).extractingByKey("apps").asInstanceOf(MAP).hasSize(22)
                .containsKeys(authorizer(10), authorizer(21), authorizer(241)).doesNotContainKey(authorizer(9));
    }

    @Test
    void remainingBelow_onlyQuotasWithLessThanThatShareLeft() {
        // Less than 30% of 10 left: 8, 9 or 10 used.
        Map<String, Object> reply = endpoint.quotas(null, null, 0.3, null, 1000);

        assertThat(reply).extractingByKey("apps").asInstanceOf(MAP)
                .containsKeys(authorizer(8), authorizer(9), authorizer(10)).doesNotContainKeys(authorizer(7))
                .hasSize(22 + 22 + 22);
    }

    @Test
    void appIdPrefix_onlyMatchingAccounts() {
        Map<String, Object> reply = endpoint.quotas("wxa00000000000002*", null, null, null, null);

        assertThat(reply).extractingByKey("apps").asInstanceOf(MAP).hasSize(10)
                .containsKeys(authorizer(20), authorizer(29)).doesNotContainKeys(authorizer(2), authorizer(200));
    }

    @Test
    void appIdExact_oneAccountWithItsQuotas() {
        Map<String, Object> reply = endpoint.quotas(authorizer(5), null, null, null, null);

        assertThat(reply).extractingByKey("apps").asInstanceOf(MAP).containsOnlyKeys(authorizer(5))
                .extractingByKey(authorizer(5)).asInstanceOf(MAP).extractingByKey("apis").asInstanceOf(MAP)
                .extractingByKey(SEND).asInstanceOf(MAP).containsEntry("remaining", 5L);
    }

    @Test
    void outOfRangeParameters_areRefusedNamingTheParameterAndItsRange() {
        assertThatThrownBy(() -> endpoint.quotas(null, null, 1.5, null, null))
                .hasMessageContaining("remainingBelow=1.5").hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> endpoint.quotas(null, null, null, -1, null)).hasMessageContaining("page=-1");
        assertThatThrownBy(() -> endpoint.quotas(null, null, null, null, 5000))
                .hasMessageContaining("size=5000").hasMessageContaining("from 1 to 1000");
    }

    @Test
    void anUnknownAppid_isRefusedNamingAFewKnownOnesNotAllOfThem() {
        assertThatThrownBy(() -> endpoint.actOnApp("wxffffffffffffffff", "sync"))
                .hasMessageContaining("one of the " + (AUTHORIZERS + 1) + " known")
                .hasMessageContaining("appId=PREFIX*")
                .satisfies(refusal -> assertThat(refusal.getMessage()).doesNotContain(authorizer(AUTHORIZERS - 1)));
    }

    private static String authorizer(int i) {
        return String.format("wxa%015d", i);
    }
}
