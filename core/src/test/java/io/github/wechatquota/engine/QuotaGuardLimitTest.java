package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class QuotaGuardLimitTest extends EngineTestSupport {

    private GuardedApi menuCreate(long dailyLimit) {
        return guard.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(dailyLimit).policy(QuotaPolicy.REJECT)
                .build());
    }

    @Test
    void call_withinLimit_reachesWeChat() throws Exception {
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(3);

        String reply = guard.execute(api, null, () -> callWeChat(MENU_CREATE));

        assertThat(reply).contains("\"errcode\":0");
        assertThat(reachedWeChat(MENU_CREATE)).isEqualTo(1);
    }

    @Test
    void call_pastLimit_isRejectedWithoutCallingWeChat() throws Exception {
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(2);
        guard.execute(api, null, () -> callWeChat(MENU_CREATE));
        guard.execute(api, null, () -> callWeChat(MENU_CREATE));

        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining(MENU_CREATE)
                .hasMessageContaining(APP_ID)
                .satisfies(e -> {
                    QuotaExhaustedException exhausted = (QuotaExhaustedException) e;
                    assertThat(exhausted.getDailyLimit()).isEqualTo(2);
                    assertThat(exhausted.getResetAt())
                            .isEqualTo(ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, CHINA).toInstant());
                });
        assertThat(reachedWeChat(MENU_CREATE)).isEqualTo(2);
    }

    @Test
    void quota_atMidnightInTheConfiguredZone_refills() throws Exception {
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(1);
        guard.execute(api, null, () -> "first");
        assertThatThrownBy(() -> guard.execute(api, null, () -> "second")).isInstanceOf(QuotaExhaustedException.class);

        clock.set(ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, CHINA).toInstant());

        assertThat(guard.execute(api, null, () -> "next day")).isEqualTo("next day");
    }

    @Test
    void quota_justBeforeMidnight_doesNotRefill() throws Exception {
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(1);
        guard.execute(api, null, () -> "first");

        clock.set(ZonedDateTime.of(2026, 11, 22, 23, 59, 59, 0, CHINA).toInstant());

        assertThatThrownBy(() -> guard.execute(api, null, () -> "second")).isInstanceOf(QuotaExhaustedException.class);
    }

    @Test
    void safetyMargin_holdsBackAShareOfTheLimit() throws Exception {
        startGuard(guardBuilder().safetyMargin(0.01));
        GuardedApi api = menuCreate(1000);

        int permitted = 0;
        try {
            while (permitted < 2000) {
                guard.execute(api, null, () -> "ok");
                permitted++;
            }
        } catch (QuotaExhaustedException expected) {
            // the margin is reached
        }

        assertThat(permitted).isEqualTo(990);
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().heldBack()).isEqualTo(10);
    }

    @Test
    void catalog_standsInBeforeTheFirstSync() {
        startGuard(guardBuilder());
        GuardedApi api = guard.register(ApiDefinition.of("/cgi-bin/media/uploadnews"));
        try {
            guard.execute(api, null, () -> "ok");
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        QuotaSnapshot snapshot = guard.snapshot(APP_ID, "/cgi-bin/media/uploadnews").orElseThrow();
        assertThat(snapshot.dailyLimit()).hasValue(10);
        assertThat(snapshot.source()).isEqualTo(LimitSource.CATALOG);
        assertThat(snapshot.remaining()).hasValue(9);
    }

    @Test
    void cost_takesThatManyTokens() throws Exception {
        startGuard(guardBuilder());
        GuardedApi api = guard.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(10).policy(QuotaPolicy.REJECT)
                .cost(4).build());
        guard.execute(api, null, () -> "ok");
        guard.execute(api, null, () -> "ok");

        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(2);
        assertThatThrownBy(() -> guard.execute(api, null, () -> "ok")).isInstanceOf(QuotaExhaustedException.class);
    }

    @Test
    void minuteLimit_isEnforcedBesideTheDailyOne() throws Exception {
        startGuard(guardBuilder());
        GuardedApi api = guard.register(ApiDefinition.builder(CUSTOM_SEND).dailyLimit(100).perMinuteLimit(2)
                .policy(QuotaPolicy.REJECT).build());
        guard.execute(api, null, () -> "1");
        guard.execute(api, null, () -> "2");

        assertThatThrownBy(() -> guard.execute(api, null, () -> "3")).isInstanceOf(QuotaExhaustedException.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(guard.execute(api, null, () -> "4")).isEqualTo("4");
        assertThat(guard.snapshot(APP_ID, CUSTOM_SEND).orElseThrow().remaining()).hasValue(97);
    }
}
