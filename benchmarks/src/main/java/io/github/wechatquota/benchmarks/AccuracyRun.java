package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.RecordedCall;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one {@link AccuracyScenario}: the simulator in this JVM on a clock of its own, N {@link AccuracyWorker}
 * processes sharing one Redis under a key prefix of this run, and what WeChat recorded counted afterwards.
 */
final class AccuracyRun {

    static final String QUOTA_GET = "/cgi-bin/openapi/quota/get";
    /** A day's quota is taken as used up when WeChat let nothing more through for this long. */
    static final Duration IDLE = Duration.ofSeconds(5);
    private static final Duration LONGEST = Duration.ofMinutes(3);
    private static final Duration START_UP = Duration.ofMinutes(3);
    /**
     * How long a lease record outlives the answer that counted it, at most: a block is spent for at most 10 s and its
     * record lapses a minute after that (docs/design.md, "Leases"); the next sync after it gives the block's tokens
     * back.
     */
    static final Duration DEAD_LEASE_LAPSES = Duration.ofSeconds(70);

    private final String classpath;
    private final Path logs;

    /**
     * @param classpath the benchmarks' classpath, which the workers are started with
     * @param logs where the workers' logs go
     */
    AccuracyRun(String classpath, Path logs) {
        this.classpath = classpath;
        this.logs = logs;
    }

    /** Runs the scenario and returns its row: the scenario, what WeChat recorded and what the instances counted. */
    Map<String, Object> run(AccuracyScenario scenario) throws Exception {
        Fixtures.simulatorWithoutNagle();
        String load = loadAverage();
        String prefix = "wxq-bench-acc-" + UUID.randomUUID().toString().substring(0, 8);
        Duration offset = Duration.between(Instant.now(), scenario.weChatStart().toInstant());
        Clock weChatClock = Clock.offset(Clock.systemUTC(), offset);
        try (WeChatSimulator weChat = WeChatSimulator.builder().clock(weChatClock)
                .account(Fixtures.APP_ID, Fixtures.SECRET, AccountType.OFFICIAL_ACCOUNT).start()) {
            weChat.setDailyLimit(Fixtures.APP_ID, Fixtures.SEND, scenario.limit());
            weChat.setDrift(scenario.drift());
            weChat.setLatency(scenario.latency());
            if (scenario.oldDayUsedUp()) {
                weChat.setUsed(Fixtures.APP_ID, Fixtures.SEND, scenario.limit());
            }
            String workerOffset = String.valueOf(offset.plus(scenario.skew()).toMillis());
            List<List<String>> args = new ArrayList<>();
            for (int i = 0; i < scenario.instances(); i++) {
                args.add(List.of(weChat.baseUri().toString(), prefix, String.valueOf(scenario.threads()), workerOffset,
                        String.valueOf(scenario.safetyMargin()), String.valueOf(scenario.instances())));
            }
            long launched = System.nanoTime();
            try (WorkerProcesses workers = new WorkerProcesses(classpath, args, logs, prefix)) {
                workers.awaitReady(START_UP);
                Instant ready = weChat.clock().instant();
                double startUpSeconds = (System.nanoTime() - launched) / 1e9;
                if (scenario.acrossMidnight()) {
                    sleepUntil(weChat.clock(), scenario.callsStart().toInstant());
                }
                weChat.resetCalls();
                Instant started = weChat.clock().instant();
                workers.go();
                Map<String, Object> kill = new LinkedHashMap<>();
                if (scenario.acrossMidnight()) {
                    sleepUntil(weChat.clock(), scenario.callsEnd().toInstant());
                } else if (scenario.killOne()) {
                    kill = killOnePartWay(weChat, workers, scenario.limit(), prefix);
                } else {
                    awaitIdle(weChat, System.nanoTime());
                }
                Instant stopped = weChat.clock().instant();
                List<JsonNode> counted = workers.stop(Duration.ofMinutes(1));
                if (scenario.killOne()) {
                    deadLease(kill, LeaseRecords.read(prefix));
                }
                List<RecordedCall> calls = weChat.calls();
                List<String> timeline = timeline(calls);
                Files.write(logs.resolve(prefix + "-wechat.log"), timeline);
                Map<String, Object> row = row(scenario, calls, counted, started, stopped);
                row.put("before45009", before45009(timeline, 6));
                row.put("timelineEnd", timeline.subList(Math.max(0, timeline.size() - 4), timeline.size()));
                row.put("load", load);
                row.put("storeUnreachable", storeUnreachable(logs, prefix, scenario.instances()));
                row.put("readyAt", ready.toString());
                row.put("startUpSeconds", startUpSeconds);
                row.putAll(kill);
                return row;
            }
        } finally {
            RedisClient client = RedisClient.create(RedisStoreBenchmark.REDIS_URI);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCleanup.deleteKeys(connection.sync(), prefix);
            } finally {
                client.shutdown();
            }
        }
    }

    /**
     * Until WeChat has let nothing through for {@link #IDLE} (after the first call, and not before {@code notBefore},
     * a {@link System#nanoTime()}), or {@link #LONGEST} at most.
     */
    private static void awaitIdle(WeChatSimulator weChat, long notBefore) throws InterruptedException {
        long start = System.nanoTime();
        long last = 0;
        long lastChange = System.nanoTime();
        while (System.nanoTime() - start < LONGEST.toNanos()) {
            Thread.sleep(250);
            long reached = weChat.successfulCalls(Fixtures.APP_ID, Fixtures.SEND);
            if (reached != last) {
                last = reached;
                lastChange = System.nanoTime();
            } else if (reached > 0 && System.nanoTime() - lastChange > IDLE.toNanos()
                    && System.nanoTime() - notBefore > 0) {
                return;
            }
        }
    }

    /**
     * Once WeChat has counted half of the limit, kills the first worker for real (it calls at full speed, so it holds
     * a block then) and lets the others go on: until every lease record written before the kill has lapsed (the dead
     * one's among them), then until the others' next getApiQuota answer after that (which no longer counts the dead
     * block: the engine asks by itself within {@link #DEAD_LEASE_LAPSES} of the last answer that did), and until
     * WeChat has let nothing through for {@link #IDLE}. Says what WeChat had counted at the kill and at the lapse, and
     * when that answer came.
     */
    private static Map<String, Object> killOnePartWay(WeChatSimulator weChat, WorkerProcesses workers, long limit,
            String prefix) throws Exception {
        long start = System.nanoTime();
        while (weChat.successfulCalls(Fixtures.APP_ID, Fixtures.SEND) < limit / 2) {
            if (System.nanoTime() - start > LONGEST.toNanos()) {
                throw new IllegalStateException("WeChat counted less than half of L in " + LONGEST);
            }
            Thread.sleep(5);
        }
        Map<String, Object> kill = new LinkedHashMap<>();
        Instant killedAt = weChat.clock().instant();
        workers.kill(0, Duration.ofSeconds(30));
        kill.put("killedAt", killedAt.toString());
        kill.put("reachedAtKill", weChat.successfulCalls(Fixtures.APP_ID, Fixtures.SEND));
        Instant lapsed = LeaseRecords.read(prefix).stream().map(LeaseRecords.LeaseRecord::lapsesAt)
                .max(Instant::compareTo).orElse(killedAt);
        sleepUntil(weChat.clock(), lapsed);
        kill.put("reachedAtLapse", weChat.successfulCalls(Fixtures.APP_ID, Fixtures.SEND));
        kill.put("getApiQuotaCallsAtLapse", weChat.calls(QUOTA_GET).size());
        long waitingSince = System.nanoTime();
        Instant answer = null;
        while (answer == null && System.nanoTime() - waitingSince < DEAD_LEASE_LAPSES.plus(IDLE).toNanos()) {
            Thread.sleep(250);
            answer = weChat.calls(QUOTA_GET).stream().map(RecordedCall::at).filter(at -> at.isAfter(lapsed))
                    .min(Instant::compareTo).orElse(null);
        }
        kill.put("syncAfterLapseSeconds", answer == null ? -1
                : Duration.between(killedAt, answer).toMillis() / 1000.0);
        awaitIdle(weChat, System.nanoTime());
        return kill;
    }

    /**
     * The killed instance's lease record, found after the others stopped cleanly (each cleared its own): the record
     * with tokens left. Whether its block was still to be spent when it was killed, and how many tokens it recorded.
     */
    private static void deadLease(Map<String, Object> kill, List<LeaseRecords.LeaseRecord> records) {
        Instant killedAt = Instant.parse((String) kill.get("killedAt"));
        List<LeaseRecords.LeaseRecord> left = records.stream().filter(record -> record.tokens() > 0).toList();
        kill.put("leaseRecordsLeft", left.size());
        kill.put("killedLeaseTokens", left.stream().mapToLong(LeaseRecords.LeaseRecord::tokens).sum());
        // A block may be spent until a minute before its record lapses.
        kill.put("killedHeldLease", left.stream().anyMatch(record -> record.lapsesAt().minus(LAPSE_GRACE)
                .isAfter(killedAt)));
    }

    /** How long a lease record outlives its block (Lease.LAPSE_GRACE). */
    private static final Duration LAPSE_GRACE = Duration.ofSeconds(60);

    private static void sleepUntil(Clock clock, Instant at) throws InterruptedException {
        long millis = Duration.between(clock.instant(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /**
     * What WeChat answered, in order, runs of the same answer to the same path collapsed into one entry with their
     * count and the time (WeChat's, in China) of the first: where a 45009 came from.
     */
    static List<String> timeline(List<RecordedCall> calls) {
        List<String> runs = new ArrayList<>();
        RecordedCall first = null;
        int run = 0;
        for (RecordedCall call : calls) {
            if (first != null && (!first.path().equals(call.path()) || first.errcode() != call.errcode())) {
                runs.add(entry(first, run));
                first = null;
                run = 0;
            }
            if (first == null) {
                first = call;
            }
            run++;
        }
        if (first != null) {
            runs.add(entry(first, run));
        }
        return runs;
    }

    private static String entry(RecordedCall first, int run) {
        String what = first.path().equals(QUOTA_GET) ? "getApiQuota" : first.path().equals(Fixtures.SEND)
                ? "send " + (first.errcode() == 0 ? "ok" : String.valueOf(first.errcode())) : first.path();
        return TIME.format(first.at()) + " " + run + " x " + what;
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(AccuracyScenario.CHINA);

    /** The timeline up to the first 45009 (the last {@code entries} of it), or empty when none came. */
    static List<String> before45009(List<String> timeline, int entries) {
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i).endsWith("send 45009")) {
                return timeline.subList(Math.max(0, i + 1 - entries), i + 1);
            }
        }
        return List.of();
    }

    /** How often the workers' guards found the store unreachable and counted locally, from their logs. */
    private static long storeUnreachable(Path logs, String prefix, int instances) throws IOException {
        long count = 0;
        for (int i = 0; i < instances; i++) {
            try (var lines = Files.lines(logs.resolve(prefix + "-" + i + ".log"))) {
                count += lines.filter(line -> line.contains("is unreachable")).count();
            }
        }
        return count;
    }

    /** The load average (1, 5, 15 min) now, or "?" where the system does not say. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException unknown) {
            return "?";
        }
    }

    static Map<String, Object> row(AccuracyScenario scenario, List<RecordedCall> calls, List<JsonNode> counted,
            Instant started, Instant stopped) {
        Instant midnight = AccuracyScenario.midnight().toInstant();
        List<RecordedCall> sends = calls.stream().filter(call -> call.path().equals(Fixtures.SEND)).toList();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", scenario.kind());
        row.put("label", scenario.label());
        row.put("instances", scenario.instances());
        row.put("threadsPerInstance", scenario.threads());
        row.put("limit", scenario.limit());
        row.put("drift", scenario.drift());
        row.put("safetyMargin", scenario.safetyMargin());
        row.put("latencyMillis", scenario.latency().toMillis());
        row.put("skewMillis", scenario.skew().toMillis());
        row.put("oldDayUsedUp", scenario.oldDayUsedUp());
        row.put("weChatAllows", scenario.weChatAllows());
        long reached = sends.stream().filter(RecordedCall::succeeded).count();
        row.put("reached", reached);
        row.put("errcode45009", sends.stream().filter(call -> call.errcode() == 45009).count());
        row.put("getApiQuotaCalls", calls.stream().filter(call -> call.path().equals(QUOTA_GET)).count());
        for (String count : List.of("okReplies", "rejectedLocally", "rejectedAfter45009", "failed")) {
            row.put(count, counted.stream().mapToLong(worker -> worker.path(count).asLong()).sum());
        }
        row.put("seconds", Duration.between(started, stopped).toMillis() / 1000.0);
        lastAnswerBefore45009(calls, row);
        if (scenario.acrossMidnight()) {
            List<RecordedCall> newDay = sends.stream().filter(call -> !call.at().isBefore(midnight)).toList();
            row.put("oldDayReached", sends.stream().filter(call -> call.at().isBefore(midnight))
                    .filter(RecordedCall::succeeded).count());
            row.put("newDayReached", newDay.stream().filter(RecordedCall::succeeded).count());
            row.put("errcode45009NewDay", newDay.stream().filter(call -> call.errcode() == 45009).count());
            // The first call WeChat counted on the new day, and the first it counted after the calls in flight at
            // midnight (those sent within the latency before it): when the instances started the new day's quota.
            Instant sentAfterMidnight = midnight.plus(scenario.latency());
            row.put("firstNewDayMillis", firstSuccess(newDay, midnight, midnight));
            row.put("firstSentAfterMidnightMillis", firstSuccess(newDay, sentAfterMidnight, midnight));
            row.put("newDayUsedUpMillis", usedUp(newDay, scenario.limit(), midnight));
        } else {
            row.put("utilization", (double) reached / scenario.limit());
            row.put("utilizationOfAllowed", (double) reached / scenario.weChatAllows());
        }
        return row;
    }

    /**
     * Around the first 45009: when it came (ms from WeChat's midnight), the successes before WeChat's last getApiQuota
     * answer ahead of it, and the sends between that answer and the next one (the calls that answer let through).
     */
    private static void lastAnswerBefore45009(List<RecordedCall> calls, Map<String, Object> row) {
        int first = -1;
        for (int i = 0; i < calls.size() && first < 0; i++) {
            first = calls.get(i).errcode() == 45009 ? i : -1;
        }
        if (first < 0) {
            return;
        }
        row.put("first45009Millis",
                Duration.between(AccuracyScenario.midnight().toInstant(), calls.get(first).at()).toMillis());
        int answer = first;
        while (answer >= 0 && !calls.get(answer).path().equals(QUOTA_GET)) {
            answer--;
        }
        if (answer < 0) {
            return;
        }
        row.put("okBeforeLastAnswer", calls.subList(0, answer).stream()
                .filter(call -> call.path().equals(Fixtures.SEND) && call.succeeded()).count());
        long sent = 0;
        for (RecordedCall call : calls.subList(answer + 1, calls.size())) {
            if (call.path().equals(QUOTA_GET)) {
                break;
            }
            sent += call.path().equals(Fixtures.SEND) ? 1 : 0;
        }
        row.put("sentAfterLastAnswer", sent);
    }

    /** Milliseconds from midnight to the first success at or after {@code from}, or -1 when none came. */
    private static long firstSuccess(List<RecordedCall> newDay, Instant from, Instant midnight) {
        return newDay.stream().filter(RecordedCall::succeeded).map(RecordedCall::at)
                .filter(at -> !at.isBefore(from)).min(Instant::compareTo)
                .map(at -> Duration.between(midnight, at).toMillis()).orElse(-1L);
    }

    /** Milliseconds from midnight until the new day's quota was used up (99% of it reached), or -1 when it was not. */
    private static long usedUp(List<RecordedCall> newDay, long limit, Instant midnight) {
        List<Instant> successes = newDay.stream().filter(RecordedCall::succeeded).map(RecordedCall::at).sorted()
                .toList();
        int index = (int) Math.ceil(limit * 0.99) - 1;
        return index < successes.size() ? Duration.between(midnight, successes.get(index)).toMillis() : -1;
    }
}
