package io.github.wechatquota.wxjava;

import static io.github.wechatquota.wxjava.WxJavaFixture.MA_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.binarywang.wx.miniapp.api.WxMaService;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.time.Duration;
import java.util.Map;
import me.chanjar.weixin.common.error.WxErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A mini program's request through the service's generic {@code post}, which WxJava 4.6 and 4.7 both have (their
 * security-check sub-services differ in name), so that it runs on both.
 */
class WxJava46MiniProgramTest {

    private static final String MSG_SEC_CHECK = "/wxa/msg_sec_check";

    private final WeChatSimulator simulator = WxJavaFixture.simulator();
    private final WxMaService wxMaService = WxJavaFixture.maService(simulator);
    private final QuotaGuard guard = WxJavaQuota.guardBuilder(wxMaService)
            .app(WxJavaFixture.app(MA_APP, AccountType.MINI_PROGRAM, Map.of(MSG_SEC_CHECK, 1L)))
            .safetyMargin(0)
            .syncInterval(Duration.ZERO)
            .syncOnFirstUse(false)
            .build();

    @AfterEach
    void close() {
        guard.close();
        simulator.close();
    }

    @Test
    void miniProgramRequestsThroughTheServiceItselfAreGuarded() throws Exception {
        WxMaService service = WxJavaQuota.guard(wxMaService, guard);
        service.post("https://api.weixin.qq.com" + MSG_SEC_CHECK, "{\"content\":\"hello\"}");

        assertThatThrownBy(() -> service.post("https://api.weixin.qq.com" + MSG_SEC_CHECK, "{\"content\":\"again\"}"))
                .isInstanceOf(WxErrorException.class)
                .hasCauseInstanceOf(QuotaExhaustedException.class);
        assertThat(simulator.calls(MSG_SEC_CHECK)).hasSize(1);
    }
}
