package io.github.wechatquota.wxjava;

import static io.github.wechatquota.wxjava.WxJavaFixture.MP_APP;
import static io.github.wechatquota.wxjava.WxJavaFixture.OTHER_MP_APP;
import static io.github.wechatquota.wxjava.WxJavaFixture.OTHER_MP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.util.Map;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedWxMpServiceTest {

    private static final String MENU_CREATE = "/cgi-bin/menu/create";
    private static final String USER_INFO = "/cgi-bin/user/info";

    private final WeChatSimulator simulator = WxJavaFixture.simulator();
    private final WxMpService wxMpService = WxJavaFixture.mpService(simulator);
    private QuotaGuard guard;

    @AfterEach
    void close() {
        if (guard != null) {
            guard.close();
        }
        simulator.close();
    }

    private WxMpService guarded(Map<String, Long> limits) {
        guard = WxJavaFixture.exact(WxMpQuota.guardBuilder(wxMpService))
                .app(WxJavaFixture.app(MP_APP, AccountType.OFFICIAL_ACCOUNT, limits))
                .build();
        return WxMpQuota.guard(wxMpService, guard);
    }

    @Test
    void callsPastTheLimitThrowWxErrorException45009WithoutCallingWeChat() throws Exception {
        WxMpService service = guarded(Map.of(MENU_CREATE, 2L));
        service.getMenuService().menuCreate(WxJavaFixture.menu());
        service.getMenuService().menuCreate(WxJavaFixture.menu());

        assertThatThrownBy(() -> service.getMenuService().menuCreate(WxJavaFixture.menu()))
                .asInstanceOf(type(WxErrorException.class))
                .satisfies(e -> {
                    assertThat(e.getError().getErrorCode()).isEqualTo(45009);
                    assertThat(e.getError().getErrorMsg())
                            .contains("wechat-quota refused " + MENU_CREATE + " for appid " + MP_APP
                                    + " before calling WeChat")
                            .contains("resets at");
                    assertThat(e.getCause()).isInstanceOf(QuotaExhaustedException.class);
                });
        assertThat(simulator.calls(MENU_CREATE)).hasSize(2);
    }

    @Test
    void subServiceGetCallsAreGuardedByTheirCgiPath() throws Exception {
        WxMpService service = guarded(Map.of(USER_INFO, 1L));
        service.getUserService().userInfo("openid-1");

        assertThatThrownBy(() -> service.getUserService().userInfo("openid-2"))
                .isInstanceOf(WxErrorException.class)
                .hasCauseInstanceOf(QuotaExhaustedException.class);
        assertThat(simulator.calls(USER_INFO)).hasSize(1);
        assertThat(simulator.calls(USER_INFO).get(0).method()).isEqualTo("GET");
    }

    @Test
    void a45009FromWeChatDrainsTheQuota() throws Exception {
        simulator.setDailyLimit(MP_APP, MENU_CREATE, 1);
        WxMpService service = guarded(Map.of(MENU_CREATE, 10L));
        service.getMenuService().menuCreate(WxJavaFixture.menu());

        assertThatThrownBy(() -> service.getMenuService().menuCreate(WxJavaFixture.menu()))
                .asInstanceOf(type(WxErrorException.class))
                .satisfies(e -> {
                    assertThat(e.getError().getErrorCode()).isEqualTo(45009);
                    assertThat(e.getError().getErrorMsg()).doesNotContain("wechat-quota");
                    assertThat(e.getCause()).isInstanceOf(QuotaExhaustedException.class);
                });
        assertThatThrownBy(() -> service.getMenuService().menuCreate(WxJavaFixture.menu()))
                .isInstanceOf(WxErrorException.class)
                .hasMessageContaining("before calling WeChat");
        assertThat(simulator.calls(MENU_CREATE)).hasSize(2);
        assertThat(guard.snapshot(MP_APP, MENU_CREATE).orElseThrow().remaining().orElseThrow()).isZero();
    }

    @Test
    void theGuardsOwnCallsUseTheTokenWxJavaFetched() throws Exception {
        WxMpService service = guarded(Map.of(MENU_CREATE, 10L));
        service.getMenuService().menuCreate(WxJavaFixture.menu());

        assertThat(guard.syncNow().join().failed()).isZero();
        assertThat(simulator.calls("/cgi-bin/openapi/quota/get")).isNotEmpty()
                .allSatisfy(call -> assertThat(call.errcode()).isZero());
        assertThat(simulator.calls("/cgi-bin/token")).hasSize(1);
        assertThat(simulator.calls("/cgi-bin/stable_token")).isEmpty();
    }

    @Test
    void aTokenWeChatRejectsIsExpiredInWxJavasStorage() throws Exception {
        WxMpService service = guarded(Map.of(MENU_CREATE, 10L));
        String token = service.getAccessToken();

        guard.accessTokens().invalidate(MP_APP, token);

        assertThat(wxMpService.getWxMpConfigStorage().isAccessTokenExpired()).isTrue();
    }

    @Test
    void eachAccountOfAMultiAccountServiceHasItsOwnQuota() throws Exception {
        wxMpService.addConfigStorage(OTHER_MP_APP,
                WxJavaFixture.mpStorage(simulator, OTHER_MP_APP, OTHER_MP_SECRET));
        WxMpService service = guarded(Map.of(MENU_CREATE, 1L));

        service.switchoverTo(MP_APP).getMenuService().menuCreate(WxJavaFixture.menu());
        assertThatThrownBy(() -> service.switchoverTo(MP_APP).getMenuService().menuCreate(WxJavaFixture.menu()))
                .isInstanceOf(WxErrorException.class);
        service.switchoverTo(OTHER_MP_APP).getMenuService().menuCreate(WxJavaFixture.menu());

        assertThat(simulator.successfulCalls(MP_APP, MENU_CREATE)).isEqualTo(1);
        assertThat(simulator.successfulCalls(OTHER_MP_APP, MENU_CREATE)).isEqualTo(1);
    }

    @Test
    void aServiceGuardedTwiceIsGuardedOnce() {
        WxMpService service = guarded(Map.of());

        assertThat(WxMpQuota.guard(service, guard)).isSameAs(service);
        assertThat(WxJavaQuota.isGuarded(service)).isTrue();
        assertThat(WxJavaQuota.isGuarded(wxMpService)).isFalse();
    }

    @Test
    void theAccountsAndHostStayTheWrappedServices() {
        WxMpService service = guarded(Map.of());

        assertThat(service.getWxMpConfigStorage()).isSameAs(wxMpService.getWxMpConfigStorage());
        assertThat(WxMpQuota.apiHost(service)).contains(java.net.URI.create(WxJavaFixture.host(simulator)));
    }
}
