package io.github.wechatquota.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.engine.Sleeper;
import io.github.wechatquota.test.WeChatTestServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/** An application's own Clock and Sleeper win over the test's fallbacks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "wechat.quota.apps." + WeChatTestServer.DEFAULT_APP_ID + ".secret=" + WeChatTestServer.DEFAULT_SECRET)
@AutoConfigureWeChatQuota
class ApplicationClockTest {

    static final Clock APPLICATION_CLOCK = Clock.fixed(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC);
    static final Sleeper APPLICATION_SLEEPER = duration -> { };

    @Autowired
    ObjectProvider<Clock> clocks;

    @Autowired
    ObjectProvider<Sleeper> sleepers;

    @Test
    void theApplicationsOwnClockAndSleeperAreTheOnesItGets() {
        assertThat(clocks.getIfUnique()).isSameAs(APPLICATION_CLOCK);
        assertThat(sleepers.getIfUnique()).isSameAs(APPLICATION_SLEEPER);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        Clock applicationClock() {
            return APPLICATION_CLOCK;
        }

        @Bean
        Sleeper applicationSleeper() {
            return APPLICATION_SLEEPER;
        }
    }
}
