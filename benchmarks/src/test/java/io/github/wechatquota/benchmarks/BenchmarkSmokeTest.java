package io.github.wechatquota.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn verify} checks of the benchmarks: that JMH's generator saw them, and that each per-call benchmark
 * runs once and answers what the bare call answers. Nothing is timed here; {@code benchmarks/run.sh} measures.
 */
class BenchmarkSmokeTest {

    private final OverheadBenchmark benchmark = new OverheadBenchmark();

    @Test
    void jmhGenerator_listsEveryBenchmark() throws IOException {
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(list).as("META-INF/BenchmarkList, written by jmh-generator-annprocess").isNotNull();
            String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains("OverheadBenchmark_guard_jmhTest", "OverheadBenchmark_springWeChatApiAspect_jmhTest",
                    "OverheadBenchmark_feignGuarded_jmhTest", "OverheadBenchmark_springBucket4jStarterAspect_jmhTest",
                    "RedisStoreBenchmark_call_jmhTest",
                    "PostgresStoreBenchmark_call_jmhTest", "MariaDbStoreBenchmark_call_jmhTest");
        }
    }

    @Test
    void localPaths_eachRunOnce_answerTheBareCallsReply() throws Throwable {
        OverheadBenchmark.Local local = new OverheadBenchmark.Local();
        local.setUp();
        try {
            assertThat(benchmark.bare(local)).isEqualTo(Fixtures.OK);
            assertThat(benchmark.bucket4j(local)).isEqualTo(Fixtures.OK);
            assertThat(benchmark.bucket4jSynchronized(local)).isEqualTo(Fixtures.OK);
            assertThat(benchmark.guard(local)).isEqualTo(Fixtures.OK);
            assertThat(benchmark.resilience4j(local)).isEqualTo(Fixtures.OK);
            assertThat(benchmark.guava(local)).isEqualTo(Fixtures.OK);
            assertThat(local.guard.snapshot(Fixtures.APP_ID, Fixtures.SEND).orElseThrow().usedToday()).hasValue(1);
        } finally {
            local.tearDown();
        }
    }

    @Test
    void springAspectPath_runsOnce_throughTheGuard() {
        OverheadBenchmark.Spring spring = new OverheadBenchmark.Spring();
        spring.setUp(); // makes one guarded call itself
        try {
            assertThat(benchmark.springWeChatApiAspect(spring)).isEqualTo(Fixtures.OK);
            assertThat(benchmark.springPassThroughAspect(spring)).isEqualTo(Fixtures.OK);
            io.github.wechatquota.engine.QuotaGuard guard =
                    spring.context.getBean(io.github.wechatquota.engine.QuotaGuard.class);
            assertThat(guard.snapshot(Fixtures.APP_ID, Fixtures.SEND).orElseThrow().usedToday()).hasValue(2);
        } finally {
            spring.tearDown();
        }
    }

    @Test
    void resilience4jAspectPath_runsOnce() {
        OverheadBenchmark.Resilience4jSpring spring = new OverheadBenchmark.Resilience4jSpring();
        spring.setUp();
        try {
            assertThat(benchmark.springResilience4jAspect(spring)).isEqualTo(Fixtures.OK);
            assertThat(org.springframework.aop.support.AopUtils.isAopProxy(spring.limited)).isTrue();
        } finally {
            spring.tearDown();
        }
    }

    @Test
    void bucket4jStarterAspectPath_runsOnce_throughABucketInItsCache() {
        OverheadBenchmark.Bucket4jStarterSpring spring = new OverheadBenchmark.Bucket4jStarterSpring();
        spring.setUp();
        try {
            assertThat(benchmark.springBucket4jStarterAspect(spring)).isEqualTo(Fixtures.OK);
            assertThat(org.springframework.aop.support.AopUtils.isAopProxy(spring.limited)).isTrue();
            javax.cache.Cache<Object, Object> buckets = spring.context.getBean(javax.cache.CacheManager.class)
                    .getCache("bench-buckets");
            assertThat(buckets).as("the starter's bucket, in the JCache cache it was given").isNotEmpty();
        } finally {
            spring.tearDown();
        }
    }

    @Test
    void bucket4jStarterAspect_refusesTheCallBeyondItsCapacity() {
        try (var context = OverheadBenchmark.Bucket4jStarterSpringConfig.start(1)) {
            OverheadBenchmark.Bucket4jStarterMessenger limited =
                    context.getBean(OverheadBenchmark.Bucket4jStarterMessenger.class);
            limited.send();

            assertThatThrownBy(limited::send).isInstanceOf(
                    com.giffing.bucket4j.spring.boot.starter.context.RateLimitException.class);
        }
    }

    @Test
    void feignPaths_runOnce_theGuardedOneThroughTheGuard() {
        OverheadBenchmark.FeignClients feign = new OverheadBenchmark.FeignClients();
        feign.setUp();
        try {
            assertThat(benchmark.feignBare(feign)).isEqualTo(Fixtures.OK);
            assertThat(benchmark.feignGuarded(feign)).isEqualTo(Fixtures.OK);
            assertThat(feign.guard.snapshot(Fixtures.APP_ID, Fixtures.SEND).orElseThrow().usedToday()).hasValue(1);
        } finally {
            feign.tearDown();
        }
    }
}
