package com.example.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.test.WeChatTestServer;
import io.github.wechatquota.test.spring.AutoConfigureWeChatQuota;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = "wechat.quota.apps.wx0123456789abcdef.secret=any-secret")
@AutoConfigureWeChatQuota
class MenuServiceTest {

    private static final String MENU_CREATE = "/cgi-bin/menu/create";

    @Autowired
    MenuService menus;

    @Autowired
    WeChatTestServer weChat;

    @Test
    void theFourthCallOfTheDayIsRefusedWithoutReachingWeChat() {
        weChat.quota("wx0123456789abcdef", MENU_CREATE).hasLeft(3);

        menus.create("{\"button\":[]}");
        menus.create("{\"button\":[]}");
        menus.create("{\"button\":[]}");

        assertThatThrownBy(() -> menus.create("{\"button\":[]}")).isInstanceOf(QuotaExhaustedException.class);
        weChat.received(MENU_CREATE).hasCount(3);
    }

    @Test
    void after45009TheApiRestsUntilMidnightInChina() {
        weChat.nextCall(MENU_CREATE).answers(45009);

        assertThatThrownBy(() -> menus.create("{\"button\":[]}")).isInstanceOf(QuotaExhaustedException.class);
        assertThatThrownBy(() -> menus.create("{\"button\":[]}")).isInstanceOf(QuotaExhaustedException.class);
        weChat.received(MENU_CREATE).answered(45009);

        weChat.clock().advance(Duration.ofDays(1));

        assertThat(menus.create("{\"button\":[]}")).contains("\"errcode\":0");
        weChat.received(MENU_CREATE).answered(45009, 0);
    }
}
