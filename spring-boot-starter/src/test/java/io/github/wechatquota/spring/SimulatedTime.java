package io.github.wechatquota.spring;

import io.github.wechatquota.engine.Sleeper;
import io.github.wechatquota.simulator.MutableClock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The test applications' time: a clock at 10:00 in China that the tests move, and waits that move it. */
@Configuration(proxyBeanMethods = false)
public class SimulatedTime {

    /** Quotas are counted by this clock: 10:00 in China, moved by the tests. */
    @Bean
    MutableClock clock() {
        return MutableClock.at(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant(),
                ZoneId.of("Asia/Shanghai"));
    }

    /** Waiting moves the clock instead of the thread. */
    @Bean
    Sleeper sleeper(MutableClock clock) {
        return clock::advance;
    }
}
