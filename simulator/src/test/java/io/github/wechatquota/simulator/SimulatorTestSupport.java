package io.github.wechatquota.simulator;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fresh simulator with one official account and a clock at 10:00 China time on a Sunday in November. */
abstract class SimulatorTestSupport {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String MENU_CREATE = "/cgi-bin/menu/create";
    static final String CUSTOM_SEND = "/cgi-bin/message/custom/send";

    final MutableClock clock = MutableClock.at(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, CHINA).toInstant(), CHINA);
    WeChatSimulator simulator;
    WeChatHttp http;

    @BeforeEach
    void startSimulator() {
        simulator = WeChatSimulator.builder()
                .clock(clock)
                .account(WeChatHttp.APP_ID, WeChatHttp.SECRET, AccountType.OFFICIAL_ACCOUNT)
                .start();
        http = new WeChatHttp(simulator);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }
}
