package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import io.github.wechatquota.engine.SyncReport;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement 3: one sync of 1,000 quotas (100 accounts x 10 APIs) against the simulator answering getApiQuota after
 * 20 ms, one call at a time (sync concurrency 1) and with the guard's bounded parallel sync (8, the default, and 32).
 * Tokens are fetched before the clock starts: only getApiQuota calls are timed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.wechatquota.benchmarks.SyncMeasurement <out.json>
 * [repetitions]}
 */
public final class SyncMeasurement {

    static final int ACCOUNTS = 100;
    static final List<String> PATHS = List.of(
            "/cgi-bin/menu/create", "/cgi-bin/menu/get", "/cgi-bin/menu/delete", "/cgi-bin/media/upload",
            "/cgi-bin/media/get", "/cgi-bin/message/custom/send", "/cgi-bin/message/mass/send",
            "/cgi-bin/qrcode/create", "/cgi-bin/user/get", "/cgi-bin/user/info");
    static final Duration LATENCY = Duration.ofMillis(20);
    static final int[] CONCURRENCY = {1, 8, 32};

    private SyncMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Fixtures.simulatorWithoutNagle();
        File out = new File(args.length > 0 ? args[0] : "sync.json");
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("accounts", ACCOUNTS);
        result.put("apisPerAccount", PATHS.size());
        result.put("keys", ACCOUNTS * PATHS.size());
        result.put("latencyMillis", LATENCY.toMillis());
        List<Map<String, Object>> runs = new ArrayList<>();
        try (WeChatSimulator weChat = startSimulator()) {
            Map<String, String> tokens = new LinkedHashMap<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                tokens.put(appId(i), weChat.issueToken(appId(i)));
            }
            weChat.setLatency(LATENCY);
            for (int concurrency : CONCURRENCY) {
                // One call at a time takes 1,000 x 20 ms: once is enough to know it.
                int times = concurrency == 1 ? 1 : repetitions;
                List<Long> millis = new ArrayList<>();
                int synced = 0;
                int failed = 0;
                long getApiQuotaCalls = 0;
                for (int run = 0; run < times; run++) {
                    try (QuotaGuard guard = guard(weChat, tokens, concurrency)) {
                        weChat.resetCalls();
                        long started = System.nanoTime();
                        SyncReport report = guard.syncNow().join();
                        millis.add((System.nanoTime() - started) / 1_000_000);
                        synced = report.synced();
                        failed = report.failed();
                        getApiQuotaCalls = weChat.calls("/cgi-bin/openapi/quota/get").size();
                        if (report.failed() > 0) {
                            System.err.println("sync failures: " + report.failures().subList(0,
                                    Math.min(5, report.failures().size())));
                        }
                    }
                    System.out.printf("sync of %d quotas, concurrency %d: %d ms%n", ACCOUNTS * PATHS.size(),
                            concurrency, millis.get(millis.size() - 1));
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("concurrency", concurrency);
                row.put("runsMillis", millis);
                row.put("medianMillis", median(millis));
                row.put("synced", synced);
                row.put("failed", failed);
                row.put("getApiQuotaCalls", getApiQuotaCalls);
                row.put("floorMillis", (long) Math.ceil((double) ACCOUNTS * PATHS.size() / concurrency)
                        * LATENCY.toMillis());
                runs.add(row);
            }
        }
        result.put("runs", runs);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, result);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String appId(int i) {
        return String.format("wxsync%012d", i);
    }

    private static WeChatSimulator startSimulator() {
        WeChatSimulator.Builder builder = WeChatSimulator.builder();
        for (int i = 0; i < ACCOUNTS; i++) {
            builder.account(appId(i), Fixtures.SECRET, io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT);
        }
        return builder.start();
    }

    /** A guard knowing 1,000 quotas, none synced yet, with tokens already at hand. */
    private static QuotaGuard guard(WeChatSimulator weChat, Map<String, String> tokens, int concurrency)
            throws IOException {
        QuotaGuardBuilder builder = QuotaGuard.builder()
                .apiBaseUrl(weChat.baseUri())
                .accessTokenProvider(tokens::get)
                .syncInterval(Duration.ZERO)
                .syncOnFirstUse(false)
                .syncConcurrency(concurrency)
                .defaultAppId(appId(0));
        for (int i = 0; i < ACCOUNTS; i++) {
            builder.app(AppSettings.of(appId(i), AccountType.OFFICIAL_ACCOUNT));
        }
        QuotaGuard guard = builder.build();
        for (String path : PATHS) {
            GuardedApi api = guard.register(ApiDefinition.of(path));
            for (int i = 0; i < ACCOUNTS; i++) {
                api.bind(appId(i));
            }
        }
        return guard;
    }
}
