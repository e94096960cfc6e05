package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurement 5a: the heap a third-party platform's quotas retain on the local store. 10,000 authorized accounts (not
 * configured, as a platform's are) x 20 APIs = 200,000 quotas, each made known by one permitted call; the heap is
 * read with {@code jcmd GC.class_histogram} (a full collection first, so only what is retained counts) before the
 * guard is built and after every quota is known, and the difference is divided by the quotas. The classes that grew
 * most are listed, so that the report says where the bytes go.
 *
 * <p>Usage: {@code java -Xmx2g -cp benchmarks.jar io.github.wechatquota.benchmarks.ScaleMeasurement <out.json>
 * [accounts]}
 */
public final class ScaleMeasurement {

    static final int APIS = 20;
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    private ScaleMeasurement() {
    }

    public static void main(String[] args) throws Throwable {
        File out = new File(args.length > 0 ? args[0] : "scale.json");
        int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Map<String, long[]> before = histogram();
        QuotaGuard guard = Fixtures.quietGuard().build();
        List<GuardedApi> apis = new ArrayList<>();
        for (int api = 0; api < APIS; api++) {
            apis.add(guard.register(ApiDefinition.builder("/cgi-bin/bench/api" + api).dailyLimit(100_000)
                    .policy(QuotaPolicy.REJECT).build()));
        }
        for (int account = 0; account < accounts; account++) {
            String appId = Fixtures.benchAppId(account);
            for (GuardedApi api : apis) {
                guard.call(api, appId, Fixtures.OK, reply -> reply);
            }
        }
        Map<String, long[]> after = histogram();
        long quotas = (long) accounts * APIS;
        if (guard.snapshots().size() != quotas) {
            throw new IllegalStateException("expected " + quotas + " quotas, the guard knows "
                    + guard.snapshots().size());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("accounts", accounts);
        result.put("apisPerAccount", APIS);
        result.put("quotas", quotas);
        long grown = 0;
        List<Map<String, Object>> classes = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : after.entrySet()) {
            long[] was = before.getOrDefault(entry.getKey(), new long[2]);
            long bytes = entry.getValue()[1] - was[1];
            long instances = entry.getValue()[0] - was[0];
            grown += bytes;
            if (bytes > quotas) { // more than a byte a quota: worth naming
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("class", entry.getKey());
                row.put("instances", instances);
                row.put("bytes", bytes);
                classes.add(row);
            }
        }
        classes.sort((a, b) -> Long.compare((Long) b.get("bytes"), (Long) a.get("bytes")));
        result.put("retainedBytes", grown);
        result.put("bytesPerQuota", (double) grown / quotas);
        result.put("classes", classes);
        guard.close();
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, result);
        System.out.printf("%,d quotas retain %,d bytes: %.0f bytes a quota%n", quotas, grown, (double) grown / quotas);
        classes.stream().limit(15).forEach(row -> System.out.printf("  %,12d B %,10d x %s%n", row.get("bytes"),
                row.get("instances"), row.get("class")));
    }

    /** Instances and bytes per class of what is live now, by {@code jcmd GC.class_histogram} on this process. */
    static Map<String, long[]> histogram() throws IOException, InterruptedException {
        String jcmd = new File(System.getProperty("java.home"), "bin/jcmd").getPath();
        Process process = new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        Map<String, long[]> rows = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher row = HISTOGRAM_ROW.matcher(line);
                if (row.matches()) {
                    rows.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                }
            }
        }
        if (process.waitFor() != 0 || rows.isEmpty()) {
            throw new IllegalStateException("jcmd GC.class_histogram gave no histogram (exit " + process.exitValue()
                    + ")");
        }
        return rows;
    }
}
