package io.github.wechatquota.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Meters that do not explode: a platform's authorizers are counted together under {@code app_id="other"} unless asked
 * otherwise, and only the few nearest their limit get gauges of their own. A real guard on the local store; account i
 * of 50 has made i of its 100 calls, the configured account 5.
 */
class MeterScopeTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String CONFIGURED = "wx0000000000000000";
    private static final String SEND = "/cgi-bin/message/custom/send";
    private static final int AUTHORIZERS = 50;

    private final MutableClock clock = MutableClock.at(
            ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, CHINA).toInstant(), CHINA);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private QuotaGuard guard;

    @AfterEach
    void stop() {
        guard.close();
    }

    @Test
    void byDefault_configuredAccountsHaveTheirOwnSeries_andTheOthersShareOne() throws Exception {
        MicrometerQuotaListener listener = start(MeterScope.configuredAccounts(3));

        listener.refreshOtherAccounts();

        assertThat(appIdsOf("wechat.quota.calls")).containsExactlyInAnyOrder(CONFIGURED, MeterScope.OTHER_ACCOUNTS);
        assertThat(permitted(CONFIGURED)).isEqualTo(5);
        assertThat(permitted(MeterScope.OTHER_ACCOUNTS)).isEqualTo(AUTHORIZERS * (AUTHORIZERS - 1) / 2.0);
    }

    @Test
    void theOthersGauges_showTheLeastRemainingAndTheFewNearestTheirLimitByAppid() throws Exception {
        MicrometerQuotaListener listener = start(MeterScope.configuredAccounts(3));

        listener.refreshOtherAccounts();

        assertThat(remaining(MeterScope.OTHER_ACCOUNTS)).isEqualTo(100 - (AUTHORIZERS - 1));
        assertThat(appIdsOf("wechat.quota.remaining")).containsExactlyInAnyOrder(CONFIGURED,
                MeterScope.OTHER_ACCOUNTS, authorizer(49), authorizer(48), authorizer(47));
        assertThat(remaining(authorizer(48))).isEqualTo(52);
    }

    @Test
    void theNearestAccounts_areChosenAgainAtEachRefresh() throws Exception {
        MicrometerQuotaListener listener = start(MeterScope.configuredAccounts(1));
        listener.refreshOtherAccounts();
        for (int call = 0; call < 60; call++) {
            guard.execute(send, authorizer(0), () -> "ok");
        }

        listener.refreshOtherAccounts();

        assertThat(appIdsOf("wechat.quota.remaining")).containsExactlyInAnyOrder(CONFIGURED,
                MeterScope.OTHER_ACCOUNTS, authorizer(0));
    }

    @Test
    void everyAccount_givesEachItsOwnSeries() throws Exception {
        start(MeterScope.everyAccount());

        // Every account that made a call: the configured one and authorizers 1 to 49.
        assertThat(appIdsOf("wechat.quota.calls")).hasSize(AUTHORIZERS).contains(authorizer(1), authorizer(49))
                .doesNotContain(MeterScope.OTHER_ACCOUNTS);
    }

    private GuardedApi send;

    private MicrometerQuotaListener start(MeterScope scope) throws Exception {
        MicrometerQuotaListener listener = new MicrometerQuotaListener(registry, () -> guard, () -> null, scope);
        guard = QuotaGuard.builder().clock(clock)
                .app(AppSettings.builder(CONFIGURED, AccountType.THIRD_PARTY_PLATFORM).build())
                .safetyMargin(0).syncInterval(Duration.ZERO).syncOnFirstUse(false).listener(listener).build();
        send = guard.register(ApiDefinition.builder(SEND).dailyLimit(100).policy(QuotaPolicy.REJECT).build());
        for (int call = 0; call < 5; call++) {
            guard.execute(send, CONFIGURED, () -> "ok");
        }
        for (int i = 0; i < AUTHORIZERS; i++) {
            send.bind(authorizer(i));
            for (int call = 0; call < i; call++) {
                guard.execute(send, authorizer(i), () -> "ok");
            }
        }
        return listener;
    }

    private Set<String> appIdsOf(String meter) {
        return registry.find(meter).meters().stream().map(m -> m.getId().getTag("app_id"))
                .collect(Collectors.toSet());
    }

    private double permitted(String appId) {
        return registry.find("wechat.quota.calls").tag("app_id", appId).tag("outcome", "permitted").counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    private double remaining(String appId) {
        return registry.find("wechat.quota.remaining").tag("app_id", appId).gauges().stream()
                .mapToDouble(Gauge::value).sum();
    }

    private static String authorizer(int i) {
        return String.format("wxa%015d", i);
    }
}
