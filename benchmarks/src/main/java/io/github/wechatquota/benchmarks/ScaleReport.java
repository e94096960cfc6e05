package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Section 5 of docs/benchmarks.md, a third-party platform's scale: the heap 200,000 quotas retain on the local store
 * ({@link ScaleMeasurement}), a permitted call among 1,000 to 200,000 quotas ({@link LookupBenchmark}), and
 * getApiQuota calls in a day at 200,000 quotas under a skewed load ({@link SyncLoadMeasurement}).
 */
final class ScaleReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long HEAP_TARGET_BYTES = 64L * 1024 * 1024;
    static final double LOOKUP_FLAT = 1.5;

    private final Report out;
    private final Path results;
    private final Properties env;
    private final boolean alone;

    ScaleReport(Report out, Path results, Properties env, boolean alone) {
        this.out = out;
        this.results = results;
        this.env = env;
        this.alone = alone;
    }

    /** Whether a target row's or a note's text is this section's: it starts with "Platform scale". */
    static boolean owns(String text) {
        return text.replace("*", "").trim().startsWith("Platform scale");
    }

    void write() throws IOException {
        out.line("## 5. A platform's scale: 200,000 quotas");
        out.line();
        out.line("Measured " + env.getProperty("date") + " (UTC) at commit `" + env.getProperty("commit") + "`"
                + (alone ? ", on its own (`benchmarks/run.sh scale`, " + Report.minutes(env.getProperty("elapsed"))
                        + ")" : ", in the run above") + "; load average (1, 5, 15 min) " + env.getProperty("load", "?")
                + " at the start.");
        out.line();
        if (alone) {
            out.commands("benchmarks/run.sh scale");
        }
        heap();
        lookup();
        syncLoad();
    }

    private void heap() throws IOException {
        JsonNode heap = JSON.readTree(results.resolve("scale-memory.json").toFile());
        long quotas = heap.path("quotas").asLong();
        long bytes = heap.path("retainedBytes").asLong();
        double perQuota = heap.path("bytesPerQuota").asDouble();
        out.line("### Heap: " + String.format("%,d", quotas) + " quotas on the local store");
        out.line();
        out.line(String.format("%,d", heap.path("accounts").asLong()) + " accounts that are not configured (a"
                + " platform's authorized accounts) x " + heap.path("apisPerAccount").asInt() + " APIs, each quota made"
                + " known by one permitted call (`ScaleMeasurement`); the live heap read by `jcmd GC.class_histogram`"
                + " (a full collection first) before the guard is built and after: **" + mb(bytes) + " retained, "
                + Report.f0(perQuota) + " bytes a quota**. The classes that grew most:");
        out.line();
        out.line("| class | instances | bytes | bytes a quota |");
        out.line("| --- | ---: | ---: | ---: |");
        int rows = 0;
        for (JsonNode row : heap.path("classes")) {
            if (rows++ == 12) {
                break;
            }
            long classBytes = row.path("bytes").asLong();
            out.line("| `" + row.path("class").asText() + "` | " + String.format("%,d", row.path("instances").asLong())
                    + " | " + String.format("%,d", classBytes) + " | " + Report.f0((double) classBytes / quotas)
                    + " |");
        }
        out.line();
        boolean met = bytes <= HEAP_TARGET_BYTES;
        out.target("Platform scale: 200,000 quotas on the local store retain at most 64 MB (about 320 B a quota)",
                mb(bytes) + " (" + Report.f0(perQuota) + " B a quota)", met);
        if (!met) {
            out.missed("**Platform scale, heap: " + mb(bytes) + " for " + String.format("%,d", quotas) + " quotas, "
                    + Report.f0(perQuota) + " B each.** Each quota is still a handful of small objects, each with its"
                    + " own header and references (the table above): its state and counts, its stored bucket and the"
                    + " local store's `AlignedBucket` (five longs), its sync history, and its index entries: the store"
                    + " key's string, a map entry in the registry and one in the local store's cache, which together"
                    + " are about a third of it. What only some quotas need (the learned margin, the midnight turn,"
                    + " the local share for a store outage) is made on first need, and equal limits and declarations"
                    + " are shared. Reaching 320 B means one object a quota for state and counts, and a local store"
                    + " indexed by the quota rather than by a string key (the store SPI's `String`).");
        }
    }

    private void lookup() throws IOException {
        JmhResults jmh = new JmhResults(results.resolve("lookup.json").toFile());
        out.line("### A permitted call among many quotas");
        out.line();
        out.line("`LookupBenchmark`: N accounts that are not configured, one API each, on the local store; each call for"
                + " the next account in a fixed stride through all of them (so that few calls find their quota in the"
                + " CPU's caches); 1 thread, average time.");
        out.line();
        out.line("| quotas | ns a call | error |");
        out.line("| ---: | ---: | ---: |");
        double first = Double.NaN;
        double last = Double.NaN;
        for (String keys : new String[] {"1000", "10000", "200000"}) {
            JmhResults.Result result = jmh.find("permittedCall", "avgt", Map.of("keys", keys)).orElse(null);
            if (result == null) {
                continue;
            }
            first = Double.isNaN(first) ? result.median() : first;
            last = result.median();
            out.line("| " + String.format("%,d", Long.parseLong(keys)) + " | " + Report.f1(result.median()) + " | "
                    + Report.f1(result.error()) + " |");
        }
        out.line();
        double ratio = last / first;
        out.target("Platform scale: a permitted call costs about the same among 1,000 and 200,000 quotas (within "
                + LOOKUP_FLAT + "x)", Report.f1(first) + " vs " + Report.f1(last) + " ns: " + Report.f2(ratio) + "x",
                ratio <= LOOKUP_FLAT);
        if (ratio > LOOKUP_FLAT) {
            out.missed("**Platform scale, lookup: " + Report.f2(ratio) + "x from 1,000 to 200,000 quotas.** The lookup"
                    + " itself is two hash-map reads; what grows is memory: at 200,000 quotas each call's quota, its"
                    + " bucket and its map entries are rarely in the CPU's caches, and each miss costs tens of"
                    + " nanoseconds. Fewer, smaller objects a quota (see the heap above) is what would flatten it.");
        }
    }

    private void syncLoad() throws IOException {
        JsonNode sync = JSON.readTree(results.resolve("scale-sync.json").toFile());
        long asked = sync.path("getApiQuota").asLong();
        long baseline = sync.path("everyQuotaEveryInterval").asLong();
        out.line("### getApiQuota calls in a day");
        out.line();
        out.line("`SyncLoadMeasurement`: " + String.format("%,d", sync.path("accounts").asLong()) + " authorized accounts x "
                + sync.path("apisPerAccount").asInt() + " APIs = " + String.format("%,d", sync.path("quotas").asLong())
                + " quotas, all known from the day before; a day (" + sync.path("minutes").asInt() + " minutes, on a"
                + " clock of its own) of skewed load: 1% of the accounts call each of their APIs once a minute, 9% call"
                + " 5 APIs every ten minutes, 90% call 2 APIs three times a day. Calls are made through the guard (the"
                + " business call a stub), syncs are real getApiQuota calls to the simulator over HTTP with each"
                + " account's authorizer token; `sync.interval` " + sync.path("syncIntervalMinutes").asInt() + " min.");
        out.line();
        out.line("| quotas | used that day | calls | permitted | getApiQuota | every quota every interval | share |");
        out.line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        out.line("| " + String.format("%,d", sync.path("quotas").asLong()) + " | "
                + String.format("%,d", sync.path("quotasUsed").asLong()) + " | "
                + String.format("%,d", sync.path("calls").asLong()) + " | "
                + String.format("%,d", sync.path("permitted").asLong()) + " | " + String.format("%,d", asked) + " | "
                + String.format("%,d", baseline) + " | " + Report.f2(100.0 * asked / baseline) + "% |");
        out.line();
        out.line("What asks: a quota's first use of the day; a crossing of 50, 80, 90, 95 or 98% of its limit since the"
                + " last answer; past half its limit, use all interval long; a 45009 the guard did not expect; and,"
                + " for a quota whose bucket is empty while the margin holds calls back, a call that finds it so (at"
                + " most once a second, and only after new calls). An idle quota is never asked.");
        out.line();
        out.target("Platform scale: getApiQuota calls in a day at 200,000 quotas, skewed load, at most a tenth of asking"
                + " every quota every interval", String.format("%,d", asked) + " vs " + String.format("%,d", baseline),
                asked * 10 <= baseline);
    }

    private static String mb(long bytes) {
        return Report.f1(bytes / 1024.0 / 1024.0) + " MB";
    }
}
