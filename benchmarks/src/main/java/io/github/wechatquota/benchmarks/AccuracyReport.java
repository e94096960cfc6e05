package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Section 4 of docs/benchmarks.md, the accuracy of issue 18's targets, from {@code accuracy.json}
 * ({@link AccuracyMeasurement}): a table of the drift rows and one of the rows across midnight, each row checked
 * against its target, the targets' summary rows, and for a target missed what the run measured about why.
 */
final class AccuracyReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** "Within seconds of WeChat's midnight", as the targets are checked. */
    static final long NEW_DAY_WITHIN_MILLIS = 5_000;
    static final double DRIFT_0_UTILIZATION = 0.999;
    static final double DRIFT_UTILIZATION_OF_ALLOWED = 0.995;
    static final double KILLED_UTILIZATION = 0.99;

    private final Report out;
    private final Path results;
    private final Properties env;
    private final boolean alone;

    AccuracyReport(Report out, Path results, Properties env, boolean alone) {
        this.out = out;
        this.results = results;
        this.env = env;
        this.alone = alone;
    }

    /** Whether a target row's or a note's text is this section's: it starts with "Accuracy". */
    static boolean owns(String text) {
        return text.replace("*", "").trim().startsWith("Accuracy");
    }

    void write() throws IOException {
        JsonNode accuracy = JSON.readTree(results.resolve("accuracy.json").toFile());
        out.line("## 4. Accuracy: N processes sharing Redis, counted by WeChat");
        out.line();
        out.line("Measured " + env.getProperty("date") + " (UTC) at commit `" + env.getProperty("commit") + "`"
                + (alone ? ", on its own (`benchmarks/run.sh accuracy`, " + Report.minutes(env.getProperty("elapsed"))
                        + ")" : ", in the run above") + ", on " + env.getProperty("nproc") + " cores with Redis "
                + env.getProperty("redis") + " on the same machine; load average (1, 5, 15 min) "
                + env.getProperty("load", "?") + " at the start, and at the start of each row as the tables say: the"
                + " machine was shared with other builds, which shows in how fast a quota is used up (*time*), not in"
                + " what the targets count.");
        out.line();
        if (alone) {
            out.commands("benchmarks/run.sh accuracy");
        }
        out.line("Each instance is a JVM process of its own (`AccuracyWorker`, started by `AccuracyMeasurement` with the"
                + " benchmarks' classpath): a `QuotaGuard` with the Redis store (one key prefix per row, shared by the"
                + " row's instances) guarding a Feign client (the capability, `AccessTokenInterceptor`) that calls the"
                + " simulator over HTTP. The simulator runs in the measuring JVM on a clock of its own; it counts"
                + " `/cgi-bin/message/custom/send` for one account against a daily limit L, over-counting by the"
                + " row's drift. Each instance syncs at start (getApiQuota, as the starter does), then "
                + accuracy.path("threads").asInt() + " threads in all, spread over the instances, call as fast as they"
                + " can; a call refused locally waits " + AccuracyWorker.AFTER_REJECTION.toMillis() + " ms before the"
                + " thread tries again. The default `safety-margin` (0.01) is set, so what the learned margin holds"
                + " back is what is measured. Everything counted is what the simulator recorded: *reached* is calls it"
                + " answered ok, *45009* calls it refused for the quota, *getApiQuota* the instances' syncs during the"
                + " row; *rejected locally* is what the instances refused without calling (the part after a 45009 in"
                + " brackets). *WeChat admits* is the real calls its count lets through: L / (1 + drift), rounded down."
                + " Each instance is configured as a deployment of N would be: `store.expected-instances` N, and a"
                + " Redis command may take " + Fixtures.STORE_TIMEOUT.toSeconds() + " s, so that the loaded machine"
                + " slows Redis down instead of timing it out (with the default 500 ms, commands timed out here under"
                + " load, and the guards counted locally, a store failure this section does not measure); *store"
                + " unreachable* counts the times a guard found it so all the same.");
        out.line();
        List<String> driftMissed = new ArrayList<>();
        List<String> midnightMissed = new ArrayList<>();
        List<String> killedMissed = new ArrayList<>();
        driftTable(accuracy, driftMissed);
        killedTable(accuracy, killedMissed);
        midnightTable(accuracy, midnightMissed);
        driftMissed.forEach(out::missed);
        killedMissed.forEach(out::missed);
        midnightMissed.forEach(out::missed);
    }

    private void driftTable(JsonNode accuracy, List<String> missed) {
        out.line("### WeChat counting exactly, and over-counting by 1%: a day's quota used up, N = 1, 4, 16");
        out.line();
        out.line("L = 10,000. A row stops once WeChat has let nothing through for "
                + accuracy.path("idleSeconds").asInt() + " s.");
        out.line();
        out.line("| row | N | WeChat admits | reached | of L | of what WeChat admits | 45009 | rejected locally"
                + " | other failures | store unreachable | getApiQuota | time, s | load at start | target met |");
        out.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        List<String> exact = new ArrayList<>();
        List<String> drifted = new ArrayList<>();
        boolean exactMet = true;
        boolean driftedMet = true;
        for (JsonNode row : accuracy.path("rows")) {
            if (!row.path("kind").asText().equals("drift")) {
                continue;
            }
            boolean noDrift = row.path("drift").asDouble() == 0;
            double utilization = noDrift ? row.path("utilization").asDouble()
                    : row.path("utilizationOfAllowed").asDouble();
            boolean met = AccuracyReasons.no45009(row) && utilization >= (noDrift ? DRIFT_0_UTILIZATION : DRIFT_UTILIZATION_OF_ALLOWED);
            out.line("| " + row.path("label").asText() + " | " + row.path("instances").asInt() + " | "
                    + AccuracyReasons.n(row, "weChatAllows") + " | " + AccuracyReasons.n(row, "reached") + " | "
                    + AccuracyReasons.pct(row.path("utilization").asDouble()) + " | " + AccuracyReasons.pct(row.path("utilizationOfAllowed").asDouble())
                    + " | " + AccuracyReasons.n(row, "errcode45009") + " | " + AccuracyReasons.rejected(row) + " | " + AccuracyReasons.n(row, "failed") + " | "
                    + AccuracyReasons.n(row, "storeUnreachable") + " | " + AccuracyReasons.n(row, "getApiQuotaCalls") + " | " + Report.f2(row.path("seconds").asDouble()) + " | "
                    + row.path("load").asText() + " | " + (met ? "yes" : "**no**") + " |");
            String measured = "N = " + row.path("instances").asInt() + ": " + AccuracyReasons.n(row, "errcode45009") + " 45009, "
                    + AccuracyReasons.pct(utilization);
            if (noDrift) {
                exact.add(measured);
                exactMet &= met;
            } else {
                drifted.add(measured);
                driftedMet &= met;
            }
            if (!met) {
                missed.add(AccuracyReasons.drift(row, noDrift, utilization));
            }
        }
        out.line();
        out.target("Accuracy, WeChat not drifting, N = 1, 4, 16 processes on Redis: no 45009, utilization at least"
                + " 99.9% of L", String.join("; ", exact), exactMet);
        out.target("Accuracy, WeChat over-counting by 1%, N = 1, 4, 16 processes on Redis: no 45009, utilization at"
                + " least 99.5% of what WeChat admits", String.join("; ", drifted), driftedMet);
    }

    private void killedTable(JsonNode accuracy, List<String> missed) {
        List<JsonNode> rows = new ArrayList<>();
        accuracy.path("rows").forEach(row -> {
            if (row.path("kind").asText().equals("killed")) {
                rows.add(row);
            }
        });
        if (rows.isEmpty()) {
            return;
        }
        out.line("### One instance killed for real mid-run, holding a lease");
        out.line();
        out.line("L = 10,000, N = " + rows.get(0).path("instances").asInt() + " processes, WeChat counting exactly."
                + " Once WeChat has counted half of L, one instance is killed with `SIGKILL`"
                + " (`Process.destroyForcibly`): no shutdown, so the block of tokens it leased from the shared bucket"
                + " is neither spent nor given back, and its record stays in the lease ledger, where every sync counts it as out of the bucket"
                + " until it lapses (a minute after its block's end, at most " + AccuracyRun.DEAD_LEASE_LAPSES
                        .toSeconds() + " s after the kill). The others go on calling, refused once they have used what"
                + " they can; a survivor refused asks WeChat again by itself " + AccuracyRun.DEAD_LEASE_LAPSES
                        .toSeconds() + " s after an answer that counted leases (so up to twice that after the kill,"
                + " when an answer came shortly before the lapse), and the first answer after the lapse gives the dead"
                + " block back (*sync after the lapse*: when WeChat answered it, in s after the kill); the row ends"
                + " once WeChat has let nothing through for " + accuracy.path("idleSeconds").asInt() + " s after it."
                + " *Lease at the kill*: the tokens the dead instance's record held, read from Redis after the others"
                + " stopped (at most what it held unspent), and whether its block was still to be spent when it was"
                + " killed. *Reached at the kill / at the lapse*: what WeChat had counted then (at the lapse: with"
                + " the getApiQuota calls until then); what came after it is the dead lease found again. Counts of"
                + " rejected calls are the survivors'.");
        out.line();
        out.line("| row | N | reached at the kill | reached at the lapse | sync after the lapse, s | reached | of L"
                + " | 45009 | lease at the kill | rejected locally | other failures | store unreachable | getApiQuota"
                + " | time, s | load at start | target met |");
        out.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: "
                + "| --- | --- |");
        List<String> measured = new ArrayList<>();
        boolean allMet = true;
        for (JsonNode row : rows) {
            double utilization = row.path("utilization").asDouble();
            boolean held = row.path("killedHeldLease").asBoolean();
            boolean met = AccuracyReasons.no45009(row) && utilization >= KILLED_UTILIZATION;
            out.line("| " + row.path("label").asText() + " | " + row.path("instances").asInt() + " | "
                    + AccuracyReasons.n(row, "reachedAtKill") + " | " + AccuracyReasons.n(row, "reachedAtLapse") + " ("
                    + AccuracyReasons.pct(row.path("reachedAtLapse").asDouble() / row.path("limit").asDouble())
                    + ", getApiQuota " + AccuracyReasons.n(row, "getApiQuotaCallsAtLapse") + ") | "
                    + (row.path("syncAfterLapseSeconds").asDouble() < 0 ? "none"
                            : Report.f2(row.path("syncAfterLapseSeconds").asDouble())) + " | "
                    + AccuracyReasons.n(row, "reached") + " | " + AccuracyReasons.pct(utilization) + " | "
                    + AccuracyReasons.n(row, "errcode45009") + " | " + AccuracyReasons.n(row, "killedLeaseTokens")
                    + (held ? " (held)" : " (**none held**)") + " | " + AccuracyReasons.rejected(row) + " | "
                    + AccuracyReasons.n(row, "failed") + " | " + AccuracyReasons.n(row, "storeUnreachable") + " | "
                    + AccuracyReasons.n(row, "getApiQuotaCalls") + " | " + Report.f2(row.path("seconds").asDouble())
                    + " | " + row.path("load").asText() + " | " + (met ? "yes" : "**no**") + " |");
            measured.add("N = " + row.path("instances").asInt() + ", one killed: "
                    + AccuracyReasons.n(row, "errcode45009") + " 45009, " + AccuracyReasons.pct(utilization)
                    + " (" + AccuracyReasons.pct(row.path("reachedAtLapse").asDouble()
                            / row.path("limit").asDouble()) + " when the dead lease lapsed)"
                    + (held ? "" : " (the killed instance held no lease)"));
            allMet &= met && held;
            if (!met) {
                missed.add("Accuracy, one instance killed: " + AccuracyReasons.n(row, "errcode45009")
                        + " 45009 and " + AccuracyReasons.pct(utilization) + " of L; WeChat had counted "
                        + AccuracyReasons.n(row, "reachedAtKill") + " at the kill and "
                        + AccuracyReasons.n(row, "reachedAtLapse") + " when the dead lease lapsed"
                        + (row.has("before45009") && row.path("before45009").size() > 0
                                ? "; before the first 45009: " + row.path("before45009") : ""));
            }
        }
        out.line();
        out.target("Accuracy, one of N processes on Redis killed mid-run (`SIGKILL`, holding a lease), the next sync"
                + " run: no 45009, utilization at least 99% of L", String.join("; ", measured), allMet);
    }

    private void midnightTable(JsonNode accuracy, List<String> missed) {
        out.line("### Across WeChat's midnight, calls in flight, instance clocks 3 s ahead and behind");
        out.line();
        out.line("L = 2,000, N = 4 processes (fewer than 16, so that the six rows fit in minutes), WeChat answering each"
                + " call after 50 ms, so that calls are in flight across midnight. The simulator's clock and the"
                + " instances' (the system clock with an offset; the instances' *skew* more or less) stand 90 s before"
                + " WeChat's midnight when the instances start, as a running deployment would (its start-up sync long"
                + " applied). *Calls in flight*: the calls start 2 s before WeChat's midnight on a day with"
                + " its quota left; *day used up*: WeChat counts the whole L on the day that ends, and the calls start"
                + " 5 s before midnight. Every row runs until 20 s after WeChat's midnight. *New day from*: when WeChat"
                + " counted the first call sent after its midnight (not one that was in flight across it), in s after"
                + " it; *used up at*: when it had counted 99% of the new day's L. Target per row: no 45009, and the new"
                + " day in use within " + NEW_DAY_WITHIN_MILLIS / 1000 + " s of WeChat's midnight.");
        out.line();
        out.line("| row | skew, s | reached before / after WeChat's midnight | new day from, s | used up at, s | 45009"
                + " (on the new day) | rejected locally | store unreachable | getApiQuota | load at start"
                + " | target met |");
        out.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        boolean midnightMet = true;
        boolean skewMet = true;
        List<String> midnight = new ArrayList<>();
        List<String> skewed = new ArrayList<>();
        for (JsonNode row : accuracy.path("rows")) {
            if (!row.path("kind").asText().equals("midnight")) {
                continue;
            }
            long from = row.path("firstSentAfterMidnightMillis").asLong();
            boolean met = AccuracyReasons.no45009(row) && from >= 0 && from <= NEW_DAY_WITHIN_MILLIS;
            out.line("| " + row.path("label").asText() + " | "
                    + String.format(Locale.ROOT, "%+.0f", row.path("skewMillis").asLong() / 1000.0) + " | "
                    + AccuracyReasons.n(row, "oldDayReached") + " / " + AccuracyReasons.n(row, "newDayReached") + " | " + AccuracyReasons.seconds(from) + " | "
                    + AccuracyReasons.seconds(row.path("newDayUsedUpMillis").asLong()) + " | " + AccuracyReasons.n(row, "errcode45009") + " ("
                    + AccuracyReasons.n(row, "errcode45009NewDay") + ") | " + AccuracyReasons.rejected(row) + " | " + AccuracyReasons.n(row, "storeUnreachable")
                    + " | " + AccuracyReasons.n(row, "getApiQuotaCalls")
                    + " | " + row.path("load").asText() + " | " + (met ? "yes" : "**no**") + " |");
            String measured = row.path("label").asText() + ": " + AccuracyReasons.n(row, "errcode45009") + " 45009, new day from "
                    + AccuracyReasons.seconds(from) + " s";
            if (row.path("skewMillis").asLong() == 0) {
                midnight.add(measured);
                midnightMet &= met;
            } else {
                skewed.add(measured);
                skewMet &= met;
            }
            if (!met) {
                missed.add(AccuracyReasons.midnight(row, from));
            } else if (!AccuracyReasons.earlyNewDay(row).isEmpty()) {
                out.explained(AccuracyReasons.earlyNewDay(row));
            }
        }
        out.line();
        out.line("*n/a*: it did not happen before the row ended.");
        out.line();
        out.target("Accuracy across WeChat's midnight with calls in flight: no 45009, the new day's quota in use within"
                + " seconds (" + NEW_DAY_WITHIN_MILLIS / 1000 + " s)", String.join("; ", midnight), midnightMet);
        out.target("Accuracy with the instances' clocks 3 s ahead of and behind WeChat's: no 45009, the new day's quota"
                + " in use within seconds (" + NEW_DAY_WITHIN_MILLIS / 1000 + " s)", String.join("; ", skewed),
                skewMet);
    }
}
