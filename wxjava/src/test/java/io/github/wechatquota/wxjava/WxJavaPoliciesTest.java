package io.github.wechatquota.wxjava;

import static io.github.wechatquota.wxjava.WxJavaFixture.MA_APP;
import static io.github.wechatquota.wxjava.WxJavaFixture.MA_SECRET;
import static io.github.wechatquota.wxjava.WxJavaFixture.MP_APP;
import static io.github.wechatquota.wxjava.WxJavaFixture.MP_SECRET;
import static io.github.wechatquota.wxjava.WxJavaFixture.OTHER_MP_APP;
import static io.github.wechatquota.wxjava.WxJavaFixture.OTHER_MP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.ApiSettings;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import io.github.wechatquota.simulator.Fault;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WAIT, CLEAR_AND_RETRY and WeChat's -1 for requests WxJava sends, as for every other client. */
class WxJavaPoliciesTest {

    private static final String MENU_CREATE = "/cgi-bin/menu/create";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:10Z"), CHINA);
    private final List<Duration> sleeps = new ArrayList<>();
    private final WeChatSimulator simulator = WeChatSimulator.builder()
            .clock(clock)
            .account(MP_APP, MP_SECRET, io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT)
            .account(OTHER_MP_APP, OTHER_MP_SECRET, io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT)
            .account(MA_APP, MA_SECRET, io.github.wechatquota.simulator.AccountType.MINI_PROGRAM)
            .start();
    private final WxMpService wxMpService = WxJavaFixture.mpService(simulator);
    private QuotaGuard guard;

    @AfterEach
    void close() {
        if (guard != null) {
            guard.close();
        }
        simulator.close();
    }

    private WxMpService guarded(ApiSettings menuCreate, QuotaGuardBuilder builder) {
        guard = WxJavaFixture.exact(builder)
                .app(AppSettings.builder(MP_APP, AccountType.OFFICIAL_ACCOUNT).api(MENU_CREATE, menuCreate).build())
                .clock(clock)
                .sleeper(duration -> {
                    sleeps.add(duration);
                    clock.advance(duration);
                })
                .build();
        return WxMpQuota.guard(wxMpService, guard);
    }

    @Test
    void aBusyWeChatRetriedByWxJavaIsCountedOnce() throws Exception {
        WxMpService service = guarded(ApiSettings.builder().dailyLimit(5).policy(QuotaPolicy.REJECT).build(),
                WxMpQuota.guardBuilder(wxMpService));
        simulator.faults().next(MENU_CREATE, Fault.SYSTEM_BUSY, 1);

        service.getMenuService().menuCreate(WxJavaFixture.menu());

        assertThat(simulator.calls(MENU_CREATE)).extracting(call -> call.errcode()).containsExactly(-1, 0);
        assertThat(guard.snapshot(MP_APP, MENU_CREATE).orElseThrow().remaining()).hasValue(4);
        assertThat(sleeps).as("WxJava retried; the guard did not retry again").isEmpty();
    }

    @Test
    void waitBlocksUntilTheMinuteLimitRefills() throws Exception {
        WxMpService service = guarded(ApiSettings.builder().perMinuteLimit(1).policy(QuotaPolicy.WAIT).build(),
                WxMpQuota.guardBuilder(wxMpService).maxWait(Duration.ofSeconds(90)));
        service.getMenuService().menuCreate(WxJavaFixture.menu());

        service.getMenuService().menuCreate(WxJavaFixture.menu());

        assertThat(sleeps).isNotEmpty();
        assertThat(simulator.calls(MENU_CREATE)).hasSize(2).allSatisfy(call -> assertThat(call.errcode()).isZero());
    }

    @Test
    void clearAndRetryClearsWithWxJavasTokenAndCallsAgain() throws Exception {
        simulator.setDailyLimit(MP_APP, MENU_CREATE, 1);
        WxMpService service = guarded(ApiSettings.builder().dailyLimit(10).policy(QuotaPolicy.CLEAR_AND_RETRY).build(),
                WxMpQuota.guardBuilder(wxMpService).clears(true, 3));
        service.getMenuService().menuCreate(WxJavaFixture.menu());

        service.getMenuService().menuCreate(WxJavaFixture.menu());

        assertThat(simulator.clearsUsedThisMonth(MP_APP)).isEqualTo(1);
        assertThat(simulator.calls(MENU_CREATE)).extracting(call -> call.errcode()).containsExactly(0, 45009, 0);
        assertThat(simulator.calls("/cgi-bin/token")).hasSize(1);
    }

    @Test
    void aFallbackFromConfigurationIsRefusedNamingTheQuota() {
        WxMpService service = guarded(ApiSettings.builder().dailyLimit(10).policy(QuotaPolicy.FALLBACK).build(),
                WxMpQuota.guardBuilder(wxMpService));

        assertThatThrownBy(() -> service.getMenuService().menuCreate(WxJavaFixture.menu()))
                .isNotInstanceOf(WxErrorException.class)
                .hasMessageContaining(MENU_CREATE);
        assertThat(simulator.calls(MENU_CREATE)).isEmpty();
    }
}
