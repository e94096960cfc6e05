package io.github.wechatquota.wxjava;

import static io.github.wechatquota.wxjava.WxJavaFixture.MP_APP;
import static io.github.wechatquota.wxjava.WxJavaFixture.MP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.util.Map;
import me.chanjar.weixin.mp.api.WxMpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WxJavaSecretsTest {

    private static final String MENU_CREATE = "/cgi-bin/menu/create";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final WeChatSimulator simulator = WxJavaFixture.simulator();

    @BeforeEach
    void capture() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
        simulator.close();
    }

    @Test
    void noSecretOrTokenInAnyLineOrRefusalOfOurs() throws Exception {
        simulator.setDailyLimit(MP_APP, MENU_CREATE, 2);
        WxMpService wxMpService = WxJavaFixture.mpService(simulator);
        String refusal;
        String token;
        try (QuotaGuard guard = WxJavaFixture.exact(WxMpQuota.guardBuilder(wxMpService))
                .app(WxJavaFixture.app(MP_APP, AccountType.OFFICIAL_ACCOUNT, Map.of(MENU_CREATE, 5L)))
                .build()) {
            WxMpService service = WxMpQuota.guard(wxMpService, guard);
            service.getMenuService().menuCreate(WxJavaFixture.menu());
            service.getMenuService().menuCreate(WxJavaFixture.menu());
            catchThrowable(() -> service.getMenuService().menuCreate(WxJavaFixture.menu()));
            refusal = String.valueOf(catchThrowable(
                    () -> service.getMenuService().menuCreate(WxJavaFixture.menu())));
            guard.syncNow().join();
            token = wxMpService.getAccessToken();
            guard.accessTokens().invalidate(MP_APP, token);
        }

        assertThat(refusal).contains("before calling WeChat").doesNotContain(token).doesNotContain(MP_SECRET);
        assertThat(logs.list).filteredOn(event -> event.getLoggerName().startsWith("io.github.wechatquota"))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(
                                event.getThrowableProxy())))
                        .doesNotContain(token)
                        .doesNotContain(MP_SECRET));
    }
}
