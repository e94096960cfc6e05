package io.github.wechatquota.wxjava;

import static io.github.wechatquota.wxjava.WxJavaFixture.MA_APP;
import static io.github.wechatquota.wxjava.WxJavaFixture.MP_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.binarywang.wx.miniapp.api.WxMaService;
import io.github.wechatquota.simulator.WeChatSimulator;
import me.chanjar.weixin.mp.api.WxMpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WxJavaAccessTokensTest {

    private final WeChatSimulator simulator = WxJavaFixture.simulator();
    private final WxMpService wxMpService = WxJavaFixture.mpService(simulator);
    private final WxMaService wxMaService = WxJavaFixture.maService(simulator);
    private final WxJavaAccessTokens tokens = WxJavaAccessTokens.builder().mp(wxMpService).ma(wxMaService).build();

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void eachAccountTakesTheTokenOfTheServiceThatServesIt() throws Exception {
        assertThat(tokens.getAccessToken(MP_APP)).isEqualTo(wxMpService.getAccessToken());
        assertThat(tokens.getAccessToken(MA_APP)).isEqualTo(wxMaService.getAccessToken());
        assertThat(simulator.calls("/cgi-bin/token")).hasSize(2);
    }

    @Test
    void aServiceThatDoesNotServeTheAccountIsNotSwitchedToIt() {
        ListAppender<ILoggingEvent> wxJavaLogs = new ListAppender<>();
        wxJavaLogs.start();
        Logger wxJava = (Logger) LoggerFactory.getLogger("me.chanjar.weixin");
        wxJava.addAppender(wxJavaLogs);
        try {
            tokens.getAccessToken(MA_APP);
            tokens.invalidate(MA_APP, null);
        } finally {
            wxJava.detachAppender(wxJavaLogs);
        }

        assertThat(wxJavaLogs.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(wxMaService.getWxMaConfig().isAccessTokenExpired()).isTrue();
    }

    @Test
    void anAccountNoServiceServesIsRefusedNamingIt() {
        assertThatThrownBy(() -> tokens.getAccessToken("wx9999999999999999"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wx9999999999999999")
                .hasMessageContaining("otherwise(");
    }

    @Test
    void anAccountNoServiceServesGoesToTheOtherProvider() {
        WxJavaAccessTokens withOther = WxJavaAccessTokens.builder().mp(wxMpService)
                .otherwise(appId -> "token-of-" + appId).build();

        assertThat(withOther.getAccessToken("wx9999999999999999")).isEqualTo("token-of-wx9999999999999999");
    }
}
