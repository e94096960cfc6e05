package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import feign.Headers;
import feign.RequestLine;
import io.github.wechatquota.annotation.WeChatApi;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement 4, the accuracy of the targets: N instances, each a JVM process of its own ({@link AccuracyWorker}:
 * a guard with the Redis store guarding a Feign client), share one Redis and one simulated account, the simulator in
 * this JVM reached over HTTP. Rows:
 *
 * <ul>
 *   <li><b>drift 0 and 1%</b>, N = 1, 4, 16, L = 10,000: the instances use the day's quota up at noon, with the
 *       default {@code safety-margin} (0.01, the learned margin's ceiling), and are stopped once WeChat has let nothing
 *       through for five seconds.
 *   <li><b>one of 4 killed</b>, L = 10,000, WeChat counting exactly: once WeChat has counted half of L, one instance
 *       is killed with {@code SIGKILL} while it holds a lease; the others go on, and the row ends five seconds after
 *       WeChat last let a call through once the dead instance's lease record has lapsed (at most 70 s after the
 *       answer that counted it) and the others' next sync found its tokens again.
 *   <li><b>midnight</b>, N = 4, L = 2,000, WeChat answering each call after 50 ms: the calls start two seconds before
 *       WeChat's midnight (and so are in flight across it) or five seconds before it on a day already used up, and run
 *       until 20 s after it.
 *   <li><b>skew</b>: the same with the instances' clocks 3 s ahead of WeChat's, and 3 s behind.
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.wechatquota.benchmarks.AccuracyMeasurement <out.json>
 * [<workers' log directory> [<rows whose label contains this only, e.g. "skew -3" or "killed">]]}; the workers are
 * started with this JVM's classpath. Each row's WeChat answers, in order, are written beside the workers' logs.
 */
public final class AccuracyMeasurement {

    static final long LIMIT = 10_000;
    static final long MIDNIGHT_LIMIT = 2_000;
    static final int[] INSTANCES = {1, 4, 16};
    static final int MIDNIGHT_INSTANCES = 4;
    static final int KILLED_INSTANCES = 4;
    static final Duration SKEW = Duration.ofSeconds(3);

    /** A WeChat client as users declare it: no limit written down, WeChat's getApiQuota tells. */
    public interface Messenger {
        @RequestLine("POST /cgi-bin/message/custom/send")
        @Headers("Content-Type: application/json")
        @WeChatApi(cgiPath = Fixtures.SEND)
        String send(String message);
    }

    private AccuracyMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "accuracy.json");
        Path logs = Path.of(args.length > 1 ? args[1] : "accuracy-logs");
        AccuracyRun run = new AccuracyRun(System.getProperty("java.class.path"), logs);
        List<Map<String, Object>> rows = new ArrayList<>();
        String only = args.length > 2 ? args[2] : "";
        for (AccuracyScenario scenario : scenarios()) {
            if (!scenario.label().contains(only)) {
                continue;
            }
            Map<String, Object> row = run.run(scenario);
            System.out.println(row);
            rows.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("threads", AccuracyScenario.THREADS);
        result.put("idleSeconds", AccuracyRun.IDLE.toSeconds());
        result.put("rows", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, result);
    }

    static List<AccuracyScenario> scenarios() {
        List<AccuracyScenario> scenarios = new ArrayList<>();
        for (double drift : new double[] {0, 0.01}) {
            for (int instances : INSTANCES) {
                scenarios.add(AccuracyScenario.drift(instances, LIMIT, drift));
            }
        }
        scenarios.add(AccuracyScenario.killed(KILLED_INSTANCES, LIMIT));
        for (Duration skew : List.of(Duration.ZERO, SKEW, SKEW.negated())) {
            for (boolean usedUp : new boolean[] {false, true}) {
                scenarios.add(AccuracyScenario.midnight(MIDNIGHT_INSTANCES, MIDNIGHT_LIMIT, skew, usedUp));
            }
        }
        return scenarios;
    }
}
