package io.github.wechatquota.benchmarks;

import static io.github.wechatquota.benchmarks.Report.f0;
import static io.github.wechatquota.benchmarks.Report.f2;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatquota.benchmarks.JmhResults.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Section 2's Redis part: the store through Lettuce and through Redisson, each beside one plain {@code GET} through the
 * same client, and both beside {@code redis-benchmark}; the round-trip targets of each, and why they are missed.
 */
final class RedisReport {

    private final StoreReport tables;
    private final Report out;
    private final Path results;

    /** Writes through {@code tables}' report, from its results. */
    RedisReport(StoreReport tables) {
        this.tables = tables;
        this.out = tables.out;
        this.results = tables.results;
    }

    void write(Map<String, JsonNode> counts) throws IOException {
        JmhResults many = new JmhResults(results.resolve("redis-16.json").toFile());
        JmhResults one = new JmhResults(results.resolve("redis-1.json").toFile());
        Result settings = many.all().get(0);
        out.line("### Redis");
        out.line();
        out.line("Warm-up " + settings.warmupIterations() + " x " + settings.warmupTime() + ", measurement "
                + settings.measurementIterations() + " x " + settings.measurementTime() + ", " + settings.forks()
                + " fork; throughput from `-bm thrpt`, latency percentiles from `-bm sample`. The same store (same keys,"
                + " same values, the same Bucket4j compare-and-swap) on either client: `RedisQuotaStore` on a"
                + " Lettuce connection of its own, `RedissonQuotaStore` on the application's `RedissonClient`"
                + " (Redisson's defaults: a pool of up to 64 connections).");
        out.line();
        String[][][] clients = {
            {
                {"Lettuce", ""},
                {"lettuce-get", "physical limit: one `GET` round trip (Lettuce, shared connection)"},
                {"store-leases", "**Redis store**, leases and Bucket4j batching (the default)"},
                {"store-batching", "Redis store, leases off, batching on"},
                {"store-no-batching", "Redis store, leases and batching off"},
            },
            {
                {"Redisson", ""},
                {"redisson-get", "physical limit: one `GET` round trip (Redisson `RBucket.get`, its pool)"},
                {"redisson-store-leases", "**Redis store via Redisson**, leases and Bucket4j batching (the default)"},
                {"redisson-store-batching", "Redis store via Redisson, leases off, batching on"},
                {"redisson-store-no-batching", "Redis store via Redisson, leases and batching off"},
            },
        };
        for (String[][] client : clients) {
            out.line("#### Through " + client[0][0]);
            out.line();
            tables.storeTable(many, one, counts, "redis", Arrays.copyOfRange(client, 1, client.length),
                    "roundTripsPerCall", "round trips per call");
        }
        redisBenchmark();
        tables.leaseTarget(many, counts, "redis", "store-leases", "lettuce-get", "roundTripsPerCall",
                "Redis store", "round trips", "plain `GET`s");
        tables.leaseTarget(many, counts, "redis", "redisson-store-leases", "redisson-get", "roundTripsPerCall",
                "Redis store via Redisson", "round trips", "plain `GET`s");
        redisTargets(many, counts, "", "Redis store", "Redis", "lettuce-get");
        redisTargets(many, counts, "redisson-", "Redis store via Redisson", "Redis via Redisson", "redisson-get");
    }

    /** The round-trip targets of the store on one client ({@code prefix} of its impl names), and why missed. */
    private void redisTargets(JmhResults many, Map<String, JsonNode> counts, String prefix, String store,
            String note, String limitImpl) {
        JsonNode hot = counts.get("redis/" + prefix + "store-batching/1/thrpt/16");
        JsonNode spread = counts.get("redis/" + prefix + "store-batching/1000/thrpt/16");
        JsonNode unbatched = counts.get("redis/" + prefix + "store-no-batching/1/thrpt/16");
        if (hot == null || spread == null || unbatched == null) {
            return;
        }
        double hotCommands = hot.path("roundTripsPerCall").asDouble();
        double spreadCommands = spread.path("roundTripsPerCall").asDouble();
        double unbatchedCommands = unbatched.path("roundTripsPerCall").asDouble();
        JsonNode spreadUnbatched = counts.get("redis/" + prefix + "store-no-batching/1000/thrpt/16");
        double spreadUnbatchedCommands = spreadUnbatched == null ? Double.NaN
                : spreadUnbatched.path("roundTripsPerCall").asDouble();
        out.target(store + ", leases off: at most one round trip per call (16 threads)",
                f2(spreadCommands) + " round trips/call over 1,000 keys (batching on; " + f2(spreadUnbatchedCommands)
                        + " off); " + f2(hotCommands) + " on one hot key with batching, " + f2(unbatchedCommands)
                        + " without", Math.max(hotCommands, spreadCommands) <= 1.0);
        out.target(store + ": fewer round trips with Bucket4j's batching (hot key, 16 threads)",
                f2(hotCommands) + " vs " + f2(unbatchedCommands) + " round trips/call", hotCommands < unbatchedCommands);
        if (Math.max(hotCommands, spreadCommands) <= 1.0) {
            return;
        }
        double limit = StoreReport.throughput(many, limitImpl, "1");
        double hotThroughput = StoreReport.throughput(many, prefix + "store-batching", "1");
        double spreadThroughput = StoreReport.throughput(many, prefix + "store-batching", "1000");
        double spreadUnbatchedThroughput = StoreReport.throughput(many, prefix + "store-no-batching", "1000");
        String counted = f2(hotCommands) + " round trips a call and " + f0(hotThroughput) + " calls/s ("
                + f0(limit) + " plain `GET`s/s), while calls spread over 1,000 keys pay " + f2(spreadCommands) + " ("
                + f0(spreadThroughput) + " calls/s with batching, " + f0(spreadUnbatchedThroughput) + " without)";
        if (!prefix.isEmpty()) {
            out.missed("**" + note + ": " + f2(spreadCommands) + " round trips a call over 1,000 keys, "
                    + f2(unbatchedCommands) + " on a hot key without batching,** for the reason just given:"
                    + " Bucket4j's Redisson integration is the same compare-and-swap (a `GET`, then a script, sent as"
                    + " `EVALSHA` once Redisson has loaded it). Batching brings a hot key to " + counted + ".");
            return;
        }
        out.missed("**" + note + ": " + f2(spreadCommands) + " round trips a call over 1,000 keys, "
                + f2(unbatchedCommands) + " on a hot key without batching.** Bucket4j 8.14's Redis integrations are"
                + " compare-and-swap: each command reads the bucket (`GET`) and writes it back with a script that checks"
                + " nobody wrote in between (`EVAL`, running a `GET` and a `PSETEX` inside Redis): two round trips, and"
                + " more when writers race on one key, since a failed swap starts over (16 threads on one key without"
                + " batching). Batching merges the concurrent calls of one JVM on one key into one exchange, which"
                + " brings a hot key to " + counted + ": calls spread over many keys rarely meet on one key, and"
                + " batching costs a little when there is nothing to merge. One round trip a call would need the whole"
                + " token bucket as one server-side script, which Bucket4j's Redis integrations do not offer, or"
                + " Bucket4j's predicting/delaying optimizations, which the design rules out because they let instances"
                + " overshoot between synchronisations: an overshoot here is a 45009 that stops the API until midnight."
                + " Either is an issue of its own; at these rates the store is far beyond any WeChat quota (the largest"
                + " are a few million calls a day, under a hundred a second).");
    }

    private void redisBenchmark() throws IOException {
        out.line("`redis-benchmark` on the same Redis, the physical limit of both clients (its own connections;"
                + " `-c 1`: one connection, one request at a time):");
        out.line();
        out.line("| command | connections | requests/s | latency p50 / p99, ms |");
        out.line("| --- | ---: | ---: | ---: |");
        for (String clients : new String[] {"1", "16"}) {
            Path file = results.resolve("redis-benchmark-c" + clients + ".csv");
            if (!Files.exists(file)) {
                continue;
            }
            List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> header = csv(rows.get(0));
            for (String row : rows.subList(1, rows.size())) {
                List<String> cells = csv(row);
                out.line("| " + cells.get(0) + " | " + clients + " | " + cells.get(header.indexOf("rps")) + " | "
                        + cells.get(header.indexOf("p50_latency_ms")) + " / "
                        + cells.get(header.indexOf("p99_latency_ms")) + " |");
            }
        }
        out.line();
    }

    private static List<String> csv(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.split(",")) {
            cells.add(cell.replace("\"", "").trim());
        }
        return cells;
    }
}
