package io.github.wechatquota.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.testing.ExternalServices;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The accuracy measurement small: two instances, each a JVM process of its own with the Redis store, use up a limit of
 * 300 against the simulator over HTTP, as benchmarks/run.sh measures at 10,000 with up to 16.
 *
 * <p>Disabled until the engine keeps these targets across processes: on the engine of 2026-12-01 both fail more often
 * than not (measured: drift 0, WeChat's last getApiQuota answer said 3 remained, and the two instances sent 12 calls
 * before asking again, 9 of them answered 45009; drift 1%, 1 and 19 45009s in two runs). An answer applied by one
 * instance releases what WeChat says remains less that instance's calls in flight only, not the other instance's,
 * which WeChat counts as they arrive (the likely cause, from the numbers above and SyncApplication). Enable it with
 * the fix.
 */
@Disabled("issue 18: a sync answer applied by one process does not subtract another process's calls in flight;"
        + " 45009s near the end of the quota (see the class comment)")
class AccuracyProcessesTest {

    private static final long LIMIT = 300;

    /** The workers' logs (their guards'), kept for a look when a test fails. */
    private final Path logs = Path.of("target", "accuracy-test-logs");

    @Test
    void twoProcesses_weChatCountingExactly_useAtLeast99PercentWithoutA45009() throws Exception {
        ExternalServices.requireRedis();

        Map<String, Object> row = run(0);

        assertThat(row).containsEntry("errcode45009", 0L).containsEntry("failed", 0L);
        assertThat((double) row.get("utilization")).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void twoProcesses_weChatOverCountingOnePercent_getNo45009() throws Exception {
        ExternalServices.requireRedis();

        Map<String, Object> row = run(0.01);

        assertThat(row).containsEntry("errcode45009", 0L).containsEntry("failed", 0L);
        assertThat((long) row.get("reached")).isPositive();
    }

    private Map<String, Object> run(double drift) throws Exception {
        return new AccuracyRun(System.getProperty("java.class.path"), logs)
                .run(AccuracyScenario.drift(2, LIMIT, drift));
    }
}
