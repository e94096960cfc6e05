package io.github.wechatquota.wxjava;

import static io.github.wechatquota.wxjava.WxJavaFixture.MA_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.util.Map;
import me.chanjar.weixin.common.error.WxErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mini programs, through what WxJava 4.6 and 4.7 both have (the build runs these tests on each). */
class GuardedWxMaServiceTest {

    private static final String SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/send";
    private static final String MSG_SEC_CHECK = "/wxa/msg_sec_check";

    private final WeChatSimulator simulator = WxJavaFixture.simulator();
    private final WxMaService wxMaService = WxJavaFixture.maService(simulator);
    private final QuotaGuard guard = WxJavaFixture.exact(WxMaQuota.guardBuilder(wxMaService))
            .app(WxJavaFixture.app(MA_APP, AccountType.MINI_PROGRAM, Map.of(SUBSCRIBE_SEND, 1L, MSG_SEC_CHECK, 1L)))
            .build();

    @AfterEach
    void close() {
        guard.close();
        simulator.close();
    }

    private static WxMaSubscribeMessage message() {
        WxMaSubscribeMessage message = new WxMaSubscribeMessage();
        message.setToUser("openid-1");
        message.setTemplateId("template-1");
        return message;
    }

    @Test
    void subServiceCallsPastTheLimitAreRefusedBeforeWeChat() throws Exception {
        simulator.setDailyLimit(MA_APP, SUBSCRIBE_SEND, 100);
        WxMaService service = WxMaQuota.guard(wxMaService, guard);
        service.getMsgService().sendSubscribeMsg(message());

        assertThatThrownBy(() -> service.getMsgService().sendSubscribeMsg(message()))
                .isInstanceOf(WxErrorException.class)
                .hasCauseInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("before calling WeChat");
        assertThat(simulator.calls(SUBSCRIBE_SEND)).hasSize(1);
    }

    @Test
    void requestsThroughTheServiceItselfAreGuarded() throws Exception {
        WxMaService service = WxMaQuota.guard(wxMaService, guard);
        service.post("https://api.weixin.qq.com" + MSG_SEC_CHECK, "{\"content\":\"hello\"}");

        assertThatThrownBy(() -> service.post("https://api.weixin.qq.com" + MSG_SEC_CHECK, "{\"content\":\"again\"}"))
                .isInstanceOf(WxErrorException.class)
                .hasCauseInstanceOf(QuotaExhaustedException.class);
        assertThat(simulator.calls(MSG_SEC_CHECK)).hasSize(1);
    }

    @Test
    void theGuardsOwnCallsUseTheMiniProgramsWxJavaToken() throws Exception {
        WxMaService service = WxMaQuota.guard(wxMaService, guard);
        service.post("https://api.weixin.qq.com" + MSG_SEC_CHECK, "{\"content\":\"hello\"}");

        assertThat(guard.syncNow().join().failed()).isZero();
        assertThat(simulator.calls("/cgi-bin/token")).hasSize(1);
        assertThat(simulator.calls("/cgi-bin/stable_token")).isEmpty();
    }
}
