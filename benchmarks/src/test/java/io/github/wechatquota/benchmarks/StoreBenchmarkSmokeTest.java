package io.github.wechatquota.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.testing.ExternalServices;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The store benchmarks that need a server, each implementation run once for a fraction of a second in this JVM: set up
 * (keys, tables, database), called, torn down (and so cleaned up). Nothing is timed here.
 */
class StoreBenchmarkSmokeTest {

    @Test
    void redissonImplementations_runThroughJmh() throws RunnerException {
        ExternalServices.requireRedis();

        Collection<RunResult> results = runOnce(RedisStoreBenchmark.class, new String[] {"1"},
                "redisson-store-leases", "redisson-store-batching", "redisson-store-no-batching", "redisson-get");

        assertThat(results).hasSize(4).allSatisfy(result ->
                assertThat(result.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void mariaDbImplementations_runThroughJmh_onOneKeyAndOnMany() throws RunnerException {
        ExternalServices.requireMariaDb();

        Collection<RunResult> results = runOnce(MariaDbStoreBenchmark.class, new String[] {"1", "1000"});

        assertThat(results).hasSize(6).allSatisfy(result ->
                assertThat(result.getPrimaryResult().getScore()).isPositive());
    }

    /** One 100 ms iteration per key count and implementation (all when none is named), no warm-up, no fork. */
    private static Collection<RunResult> runOnce(Class<?> benchmark, String[] keys, String... impls)
            throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        options.include(benchmark.getSimpleName() + ".call")
                .param("keys", keys)
                .forks(0)
                .threads(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true);
        if (impls.length > 0) {
            options.param("impl", impls);
        }
        return new Runner(options.build()).run();
    }
}
