package io.github.wechatquota.benchmarks;

import static io.github.wechatquota.benchmarks.Report.f0;
import static io.github.wechatquota.benchmarks.Report.f2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatquota.benchmarks.JmhResults.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 2 of docs/benchmarks.md, the shared stores: Redis through Lettuce and through Redisson ({@link RedisReport}),
 * PostgreSQL and MariaDB, each beside its physical limit measured in the same run. Every target and note it adds starts with its
 * store's name (Redis, PostgreSQL, MariaDB): that is how a run of this section alone finds the ones it replaces in the
 * existing file (see {@link Report}).
 */
final class StoreReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The store names that start each target and note of this section. */
    static final List<String> STORES = List.of("Redis", "PostgreSQL", "MariaDB");

    final Report out;
    final Path results;
    private final Properties env;
    private final boolean alone;

    StoreReport(Report out, Path results, Properties env, boolean alone) {
        this.out = out;
        this.results = results;
        this.env = env;
        this.alone = alone;
    }

    /** Whether a target or note (markdown, without its list or table punctuation) is one this section writes. */
    static boolean owns(String text) {
        String plain = text.replace("*", "").trim();
        return STORES.stream().anyMatch(plain::startsWith);
    }

    void write() throws IOException {
        Map<String, JsonNode> counts = storeCounts();
        out.line("## 2. Shared stores: throughput and latency beside the physical limit");
        out.line();
        provenance();
        out.line("Permitted calls through the guard (`QuotaGuard.call`, the bare call behind it) on the shared store,"
                + " from 16 threads of one JVM (one guard, one store: the Redis store's one Lettuce connection or"
                + " Redisson's default pool, a pool of 16 database connections) and from 1 thread. *1 key*: every call"
                + " on one hot (appid, cgi_path); *1000 keys*: the threads walk through 1,000 accounts' quotas of one"
                + " API. The physical limit is measured in the same run: one plain round trip per call through the"
                + " same client (Redis `GET` through Lettuce or Redisson; for the databases the store's transaction"
                + " written by hand with JDBC), and the servers' own tools. *Server work per call* is counted over the"
                + " whole trial: Redis commands from `INFO commandstats`, database transactions as connections taken"
                + " from the pool. Batching can beat the one-round-trip limit (*x limit* above 1): one exchange then"
                + " serves many calls. The guard here fails a call when the store fails (`FAIL_CLOSED`, with 30 s"
                + " allowed a command) instead of counting locally, so every call timed went through the store.");
        out.line();
        new RedisReport(this).write(counts);
        postgres(counts);
        mariadb(counts);
    }

    /** When and on what this section was measured; with its commands when it ran alone. */
    private void provenance() throws IOException {
        out.line("Measured " + env.getProperty("date") + " (UTC) at commit `" + env.getProperty("commit") + "`"
                + (alone ? ", on its own (`benchmarks/run.sh stores`, " + Report.minutes(env.getProperty("elapsed"))
                        + ")" : ", in the run above") + ", on " + env.getProperty("nproc") + " cores; Redis "
                + env.getProperty("redis") + ", PostgreSQL " + env.getProperty("postgres") + ", MariaDB "
                + env.getProperty("mariadb") + ", all on the same machine over loopback; load average (1, 5, 15"
                + " min) " + env.getProperty("load", "?") + " at the start. Each physical limit was"
                + " measured in the same run as the rows beside it, and other work may have shared the two cores:"
                + " the ratios (*x limit*, work per call) are what to read, the absolute rates move between runs."
                + " MySQL 8, which the jdbc store supports with MariaDB's SQL, was not measured: no MySQL server was"
                + " available.");
        out.line();
        if (alone) {
            out.commands("benchmarks/run.sh stores");
        }
    }

    private Map<String, JsonNode> storeCounts() throws IOException {
        Map<String, JsonNode> counts = new LinkedHashMap<>();
        Path file = results.resolve("store-counts.jsonl");
        if (Files.exists(file)) {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode line = JSON.readTree(text);
                counts.put(line.path("store").asText() + "/" + line.path("impl").asText() + "/"
                        + line.path("keys").asText() + "/" + line.path("mode").asText() + "/"
                        + line.path("threads").asText(), line);
            }
        }
        return counts;
    }

    // ---- the databases ------------------------------------------------------------------------------------------

    private void postgres(Map<String, JsonNode> counts) throws IOException {
        JmhResults many = new JmhResults(results.resolve("postgres-16.json").toFile());
        JmhResults one = new JmhResults(results.resolve("postgres-1.json").toFile());
        out.line("### PostgreSQL");
        out.line();
        out.line("The jdbc store always batches (Bucket4j's batching, unwrapped); *Bucket4j unbatched* is Bucket4j's"
                + " own PostgreSQL proxy (`SELECT ... FOR UPDATE`) on a table of the same shape without it.");
        out.line();
        String[][] impls = {
            {"jdbc-transaction", "physical limit: the store's transaction by hand (JDBC, same pool)"},
            {"store-leases", "**jdbc store**, leases and Bucket4j batching (the default)"},
            {"store", "jdbc store, leases off (Bucket4j batching)"},
            {"bucket4j-unbatched", "Bucket4j PostgreSQL proxy, no batching"},
        };
        storeTable(many, one, counts, "postgres", impls, "transactionsPerCall", "transactions per call");
        out.line("`pgbench` running the same transaction (`BEGIN; SELECT ... FOR UPDATE; UPDATE; COMMIT`, prepared) for"
                + " 5 s:");
        out.line();
        toolTable("pgbench-c", ".txt", text -> {
            Matcher t = Pattern.compile("tps = ([0-9.]+)").matcher(text);
            Matcher l = Pattern.compile("latency average = ([0-9.]+) ms").matcher(text);
            return new String[] {t.find() ? f0(Double.parseDouble(t.group(1))) : "?", l.find() ? l.group(1) : "?"};
        });
        leaseTarget(many, counts, "postgres", "store-leases", "jdbc-transaction", "transactionsPerCall",
                "PostgreSQL store", "transactions", "transactions by hand");
        databaseTargets(many, counts, "postgres", "PostgreSQL", "as pgbench finds");
    }

    private void mariadb(Map<String, JsonNode> counts) throws IOException {
        Path file = results.resolve("mariadb-16.json");
        if (!Files.exists(file)) {
            return; // a results directory from before MariaDB was measured
        }
        JmhResults many = new JmhResults(file.toFile());
        JmhResults one = new JmhResults(results.resolve("mariadb-1.json").toFile());
        out.line("### MariaDB");
        out.line();
        out.line("The same jdbc store and the same transaction by hand, on InnoDB with MariaDB's defaults"
                + " (`innodb_flush_log_at_trx_commit=1`: every commit is flushed). Bucket4j publishes no MySQL or"
                + " MariaDB integration for Java 17 (the store brings its own, on Bucket4j's select-for-update core),"
                + " so the transaction by hand stands for an unbatched call.");
        out.line();
        String[][] impls = {
            {"jdbc-transaction", "physical limit: the store's transaction by hand (JDBC, same pool)"},
            {"store-leases", "**jdbc store**, leases and Bucket4j batching (the default)"},
            {"store", "jdbc store, leases off (Bucket4j batching)"},
        };
        storeTable(many, one, counts, "mariadb", impls, "transactionsPerCall", "transactions per call");
        out.line("`mysqlslap` (MariaDB's own load client) running the same transaction, 10,000 times over the clients."
                + " It cannot bind parameters, so each transaction first draws its row into a user variable"
                + " (`SET @id = ...; BEGIN; SELECT ... FOR UPDATE; UPDATE; COMMIT`: five statements, each a round"
                + " trip, where the JDBC transaction sends four and its pool a fifth to restore autocommit):");
        out.line();
        Pattern seconds = Pattern.compile("Average number of seconds to run all queries: ([0-9.]+)");
        Pattern clients = Pattern.compile("Number of clients running queries: ([0-9]+)");
        Pattern perClient = Pattern.compile("Average number of queries per client: ([0-9]+)");
        toolTable("mysqlslap-c", ".txt", text -> {
            Matcher s = seconds.matcher(text);
            Matcher c = clients.matcher(text);
            Matcher q = perClient.matcher(text);
            if (!s.find() || !c.find() || !q.find()) {
                return new String[] {"?", "?"};
            }
            double perClientTransactions = Double.parseDouble(q.group(1)) / MYSQLSLAP_STATEMENTS;
            double elapsed = Double.parseDouble(s.group(1));
            return new String[] {f0(Integer.parseInt(c.group(1)) * perClientTransactions / elapsed),
                String.format(Locale.ROOT, "%.3f", elapsed * 1000 / perClientTransactions)};
        });
        leaseTarget(many, counts, "mariadb", "store-leases", "jdbc-transaction", "transactionsPerCall",
                "MariaDB store", "transactions", "transactions by hand");
        databaseTargets(many, counts, "mariadb", "MariaDB", "as mysqlslap finds");
    }

    /** Statements in one mysqlslap transaction (benchmarks/run.sh writes them). */
    private static final int MYSQLSLAP_STATEMENTS = 5;

    /** A database tool's runs, {@code <prefix><clients>-k<keys><suffix>}: transactions/s and average latency. */
    private void toolTable(String prefix, String suffix, Function<String, String[]> parse)
            throws IOException {
        out.line("| clients | keys | transactions/s | latency average, ms |");
        out.line("| ---: | ---: | ---: | ---: |");
        for (String run : new String[] {"1-k1", "16-k1", "16-k1000"}) {
            Path file = results.resolve(prefix + run + suffix);
            if (!Files.exists(file)) {
                continue;
            }
            String[] parsed = parse.apply(Files.readString(file, StandardCharsets.UTF_8));
            String[] parts = run.split("-k");
            out.line("| " + parts[0] + " | " + parts[1] + " | " + parsed[0] + " | " + parsed[1] + " |");
        }
        out.line();
    }

    private void databaseTargets(JmhResults many, Map<String, JsonNode> counts, String store, String name,
            String tool) {
        JsonNode hot = counts.get(store + "/store/1/thrpt/16");
        JsonNode spread = counts.get(store + "/store/1000/thrpt/16");
        if (hot == null || spread == null) {
            return;
        }
        double limitSpread = throughput(many, "jdbc-transaction", "1000");
        double storeSpread = throughput(many, "store", "1000");
        double limitHot = throughput(many, "jdbc-transaction", "1");
        double storeHot = throughput(many, "store", "1");
        double storeError = throughputError(many, "store", "1000");
        double limitError = throughputError(many, "jdbc-transaction", "1000");
        boolean withinError = Math.abs(storeSpread - limitSpread) < storeError + limitError;
        out.explained("**" + name + ", 16 threads:** over 1,000 keys the jdbc store runs at " + f2(storeSpread
                / limitSpread) + "x the speed of its own transaction written by hand (" + f0(storeSpread) + " ± "
                + f0(storeError) + " against " + f0(limitSpread) + " ± " + f0(limitError) + " calls/s"
                + (withinError ? ", apart by less than their error bars" : "") + "): one `SELECT ... FOR UPDATE`,"
                + " one `UPDATE`, one commit a call is what a shared count costs there. On one hot key every"
                + " transaction waits for the row lock (" + f0(limitHot) + " transactions/s by hand, " + tool + "),"
                + " and batching makes one transaction serve about " + f0(1 / hot.path("transactionsPerCall")
                .asDouble()) + " calls: " + f0(storeHot) + " calls/s.");
        out.target(name + " store: at most one transaction per call, fewer with batching (16 threads)",
                f2(hot.path("transactionsPerCall").asDouble()) + " on one hot key, "
                        + f2(spread.path("transactionsPerCall").asDouble()) + " over 1,000 keys",
                spread.path("transactionsPerCall").asDouble() <= 1.0
                        && hot.path("transactionsPerCall").asDouble() < 1.0);
    }

    /**
     * The lease target of a store (its default, far from the limit, 16 threads): at most a quarter of an exchange per
     * call, and at least the plain-exchange limit measured in the same run, on one hot key and over 1,000.
     */
    void leaseTarget(JmhResults many, Map<String, JsonNode> counts, String store, String impl, String limitImpl,
            String countField, String name, String exchanges, String plain) {
        JsonNode hot = counts.get(store + "/" + impl + "/1/thrpt/16");
        JsonNode spread = counts.get(store + "/" + impl + "/1000/thrpt/16");
        if (hot == null || spread == null) {
            return;
        }
        double hotCount = hot.path(countField).asDouble();
        double spreadCount = spread.path(countField).asDouble();
        double hotRatio = throughput(many, impl, "1") / throughput(many, limitImpl, "1");
        double spreadRatio = throughput(many, impl, "1000") / throughput(many, limitImpl, "1000");
        out.target(name + " with leases: at most 0.25 " + exchanges + " per call, far from the limit (16 threads)",
                f2(hotCount) + " on one hot key, " + f2(spreadCount) + " over 1,000 keys",
                Math.max(hotCount, spreadCount) <= 0.25);
        out.target(name + " with leases: at least the " + plain + " limit of the same run (16 threads)",
                f2(hotRatio) + "x on one hot key, " + f2(spreadRatio) + "x over 1,000 keys",
                Math.min(hotRatio, spreadRatio) >= 1.0);
    }

    // ---- tables -------------------------------------------------------------------------------------------------

    private static double throughputError(JmhResults jmh, String impl, String keys) {
        return jmh.find("call", "thrpt", Map.of("impl", impl, "keys", keys)).map(Result::error)
                .orElse(Double.NaN) * 1e6;
    }

    static double throughput(JmhResults jmh, String impl, String keys) {
        return jmh.find("call", "thrpt", Map.of("impl", impl, "keys", keys)).map(Result::median)
                .orElse(Double.NaN) * 1e6;
    }

    void storeTable(JmhResults many, JmhResults one, Map<String, JsonNode> counts, String store,
            String[][] impls, String countField, String countTitle) {
        out.line("| implementation | keys | 16 threads: calls/s, median | mean ± error | x limit | latency p50 / p99,"
                + " µs | " + countTitle + " | 1 thread: latency p50 / p99, µs |");
        out.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String keys : new String[] {"1", "1000"}) {
            double limit = throughput(many, impls[0][0], keys);
            for (String[] impl : impls) {
                Map<String, String> params = Map.of("impl", impl[0], "keys", keys);
                Optional<Result> thrpt = many.find("call", "thrpt", params);
                if (thrpt.isEmpty()) {
                    continue;
                }
                Optional<Result> sample = many.find("call", "sample", params);
                Optional<Result> single = one.find("call", "sample", params);
                JsonNode count = counts.get(store + "/" + impl[0] + "/" + keys + "/thrpt/16");
                out.line("| " + impl[1] + " | " + keys + " | " + f0(thrpt.get().median() * 1e6) + " | "
                        + f0(thrpt.get().mean() * 1e6) + " ± " + f0(thrpt.get().error() * 1e6) + " | "
                        + f2(thrpt.get().median() * 1e6 / limit) + " | "
                        + sample.map(s -> f0(s.percentile("50.0")) + " / " + f0(s.percentile("99.0"))).orElse("")
                        + " | " + (count == null ? "" : f2(count.path(countField).asDouble())) + " | "
                        + single.map(s -> f0(s.percentile("50.0")) + " / " + f0(s.percentile("99.0"))).orElse("")
                        + " |");
            }
        }
        out.line();
    }
}
