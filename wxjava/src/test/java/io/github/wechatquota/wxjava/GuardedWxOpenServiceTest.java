package io.github.wechatquota.wxjava;

import static io.github.wechatquota.wxjava.WxJavaFixture.MA_APP;
import static io.github.wechatquota.wxjava.WxJavaFixture.MP_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.binarywang.wx.miniapp.api.WxMaService;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.util.Map;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.open.api.WxOpenService;
import me.chanjar.weixin.open.api.impl.WxOpenInMemoryConfigStorage;
import me.chanjar.weixin.open.api.impl.WxOpenServiceImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A third-party platform's authorizer services, each guarded against the authorized account's quota; its token
 * refreshes guarded against the platform's own quota of the token APIs.
 */
class GuardedWxOpenServiceTest {

    private static final String MENU_CREATE = "/cgi-bin/menu/create";
    private static final String MSG_SEC_CHECK = "/wxa/msg_sec_check";
    private static final String PLATFORM = "wxcomponent00001";
    private static final String COMPONENT_TOKEN = "/cgi-bin/component/api_component_token";
    private static final String AUTHORIZER_TOKEN = "/cgi-bin/component/api_authorizer_token";

    private final WeChatSimulator simulator = WxJavaFixture.simulator();
    private final String host = WxJavaFixture.host(simulator);
    private final WxOpenInMemoryConfigStorage storage = new WxOpenInMemoryConfigStorage();
    private final WxOpenServiceImpl platform = new WxOpenServiceImpl();
    private final QuotaGuard guard;

    GuardedWxOpenServiceTest() {
        storage.setComponentAppId(PLATFORM);
        storage.setComponentAppSecret("component-secret-never-logged");
        // Authorized accounts, as after authorization: their authorizer tokens in the platform's storage.
        storage.updateAuthorizerAccessToken(MP_APP, simulator.issueToken(MP_APP), 7200);
        storage.updateAuthorizerAccessToken(MA_APP, simulator.issueToken(MA_APP), 7200);
        platform.setWxOpenConfigStorage(storage);
        guard = WxJavaFixture.exact(WxOpenQuota.guardBuilder(platform))
                .apiBaseUrl(simulator.baseUri())
                .app(WxJavaFixture.app(MP_APP, AccountType.OFFICIAL_ACCOUNT, Map.of(MENU_CREATE, 2L)))
                .app(WxJavaFixture.app(MA_APP, AccountType.MINI_PROGRAM, Map.of(MSG_SEC_CHECK, 1L)))
                .app(WxJavaFixture.app(PLATFORM, AccountType.THIRD_PARTY_PLATFORM,
                        Map.of(COMPONENT_TOKEN, 1L, AUTHORIZER_TOKEN, 1L)))
                .build();
    }

    @AfterEach
    void close() {
        guard.close();
        simulator.close();
    }

    private WxMpService officialAccount(WxOpenService guarded) {
        WxMpService service = guarded.getWxOpenComponentService().getWxMpServiceByAppid(MP_APP);
        service.getWxMpConfigStorage().setHostConfig(new WxMpHostConfig(host, host, host));
        return service;
    }

    @Test
    void anAuthorizedOfficialAccountsRequestsTakeItsQuota() throws Exception {
        WxMpService service = officialAccount(WxOpenQuota.guard(platform, guard));
        service.getMenuService().menuCreate(WxJavaFixture.menu());
        service.getMenuService().menuCreate(WxJavaFixture.menu());

        assertThatThrownBy(() -> service.getMenuService().menuCreate(WxJavaFixture.menu()))
                .isInstanceOf(WxErrorException.class)
                .hasCauseInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("for appid " + MP_APP + " before calling WeChat");
        assertThat(simulator.successfulCalls(MP_APP, MENU_CREATE)).isEqualTo(2);
        assertThat(simulator.calls(MENU_CREATE)).hasSize(2);
    }

    @Test
    void anAuthorizedMiniProgramsRequestsTakeItsQuota() throws Exception {
        WxMaService service = WxOpenQuota.guard(platform, guard).getWxOpenComponentService()
                .getWxMaServiceByAppid(MA_APP);
        service.getWxMaConfig().setApiHostUrl(host);
        service.post("https://api.weixin.qq.com" + MSG_SEC_CHECK, "{\"content\":\"hello\"}");

        assertThatThrownBy(() -> service.post("https://api.weixin.qq.com" + MSG_SEC_CHECK, "{\"content\":\"again\"}"))
                .isInstanceOf(WxErrorException.class)
                .hasCauseInstanceOf(QuotaExhaustedException.class);
        assertThat(simulator.successfulCalls(MA_APP, MSG_SEC_CHECK)).isEqualTo(1);
    }

    @Test
    void theGuardsOwnCallsUseTheAuthorizerToken() throws Exception {
        officialAccount(WxOpenQuota.guard(platform, guard)).getMenuService().menuCreate(WxJavaFixture.menu());

        assertThat(guard.syncNow().join().failed()).isZero();
        assertThat(simulator.calls("/cgi-bin/openapi/quota/get")).isNotEmpty()
                .allSatisfy(call -> assertThat(call.errcode()).isZero());
        assertThat(simulator.calls("/cgi-bin/token")).isEmpty();
        assertThat(simulator.calls("/cgi-bin/stable_token")).isEmpty();
    }

    @Test
    void theSameAuthorizerServiceIsHandedOutEachTime() {
        WxOpenService guarded = WxOpenQuota.guard(platform, guard);

        assertThat(guarded.getWxOpenComponentService().getWxMpServiceByAppid(MP_APP))
                .isSameAs(guarded.getWxOpenComponentService().getWxMpServiceByAppid(MP_APP));
        assertThat(guarded.getWxOpenConfigStorage()).isSameAs(storage);
        assertThat(WxOpenQuota.guard(guarded, guard)).isSameAs(guarded);
    }

    @Test
    void aComponentTokenRefresh_onceThePlatformsTokenApiIsUsedUp_isRefusedBeforeReachingWeChat() throws Exception {
        spendTheDay(COMPONENT_TOKEN);
        WxOpenService guarded = WxOpenQuota.guard(platform, guard);

        assertThatThrownBy(() -> guarded.getWxOpenComponentService().getComponentAccessToken(false))
                .isInstanceOf(WxErrorException.class)
                .hasCauseInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining(COMPONENT_TOKEN);
    }

    @Test
    void aComponentTokenStillValid_takesNoPermit() throws Exception {
        storage.updateComponentAccessToken("component-token-still-valid", 7200);
        WxOpenService guarded = WxOpenQuota.guard(platform, guard);

        assertThat(guarded.getWxOpenComponentService().getComponentAccessToken(false))
                .isEqualTo("component-token-still-valid");
        assertThat(guard.snapshot(PLATFORM, COMPONENT_TOKEN)).isEmpty();
    }

    @Test
    void aForcedAuthorizerTokenRefresh_takesThePlatformsQuota_andIsRefusedOnceItIsUsedUp() throws Exception {
        spendTheDay(AUTHORIZER_TOKEN);
        WxOpenService guarded = WxOpenQuota.guard(platform, guard);

        assertThatThrownBy(() -> guarded.getWxOpenComponentService().getAuthorizerAccessToken(MP_APP, true))
                .isInstanceOf(WxErrorException.class)
                .hasCauseInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("for appid " + PLATFORM);
        assertThat(guarded.getWxOpenComponentService().getAuthorizerAccessToken(MP_APP, false))
                .as("a token still valid is handed out without a permit").isNotBlank();
    }

    /** The token API's one call of the day, spent on the platform's quota as a refresh would. */
    private void spendTheDay(String tokenPath) throws Exception {
        io.github.wechatquota.engine.GuardedApi api = guard.register(
                io.github.wechatquota.engine.ApiDefinition.of(tokenPath));
        guard.execute(api, PLATFORM, () -> "{\"errcode\":0}");
    }
}
