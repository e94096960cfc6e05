package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.StoreFailureMode;
import io.github.wechatquota.feign.AccessTokenInterceptor;
import io.github.wechatquota.feign.WeChatQuotaCapability;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.redis.RedisQuotaStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance of the accuracy measurement, run as a process of its own: a guard with the Redis store guarding a Feign
 * client that calls the simulator over HTTP, as a service would. It syncs at start (the starter's start-up sync),
 * prints {@code READY}, and on {@code GO} from its standard input its threads call as fast as they can until
 * {@code STOP}; then it prints {@code RESULT} and what it counted as JSON, and exits.
 *
 * <p>Arguments: {@code <simulator base URI> <key prefix> <threads> <clock> <safety margin> <instances>}.
 * The clock is an offset in milliseconds added to the system clock for the guard and its store (the measurement moves
 * WeChat's clock to a midnight, and the instances' by the same amount, or a few seconds more or less: their skew from
 * WeChat), or {@code from:<instant>} for a clock that reads that instant when the worker starts and runs on from
 * there (for a test whose own clocks it moves by hand: a process of its own cannot share them, and its syncs must be
 * told apart by their times).
 * {@code store.expected-instances} is set to the instances there are, as a deployment sets it, and a store command may
 * take {@link Fixtures#STORE_TIMEOUT}: on a loaded machine Redis answers late rather than not at all, and the default
 * 500 ms would have the guards count locally (a store failure, which this does not measure) instead of in Redis.
 */
public final class AccuracyWorker {

    /** A call refused locally waits this long before the thread tries again, as a service's next request would. */
    static final Duration AFTER_REJECTION = Duration.ofMillis(10);

    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong rejectedLocally = new AtomicLong();
    private final AtomicLong rejectedAfter45009 = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private AccuracyWorker() {
    }

    public static void main(String[] args) throws Exception {
        URI simulator = URI.create(args[0]);
        String prefix = args[1];
        int threads = Integer.parseInt(args[2]);
        Clock clock = clock(args[3]);
        double safetyMargin = Double.parseDouble(args[4]);
        int instances = Integer.parseInt(args[5]);
        // HttpURLConnection keeps at most 5 idle connections per host unless told: the threads need one each.
        System.setProperty("http.maxConnections", String.valueOf(Math.max(5, threads * 2)));

        try (QuotaStore store = RedisQuotaStore.builder(RedisStoreBenchmark.REDIS_URI).keyPrefix(prefix).clock(clock)
                        .commandTimeout(Fixtures.STORE_TIMEOUT).build();
                QuotaGuard guard = QuotaGuard.builder()
                        .apiBaseUrl(simulator)
                        .app(AppSettings.builder(Fixtures.APP_ID, AccountType.OFFICIAL_ACCOUNT)
                                .secret(Fixtures.SECRET).build())
                        .store(store)
                        .keyPrefix(prefix)
                        .clock(clock)
                        .safetyMargin(safetyMargin)
                        .onStoreFailure(StoreFailureMode.LOCAL_FALLBACK, instances)
                        .build()) {
            AccuracyMeasurement.Messenger messenger = Feign.builder()
                    .addCapability(new WeChatQuotaCapability(guard))
                    .requestInterceptor(new AccessTokenInterceptor(guard.accessTokens(), Fixtures.APP_ID))
                    .target(AccuracyMeasurement.Messenger.class, simulator.toString());
            guard.syncNow().join();
            System.out.println("READY");
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            await(commands, "GO");
            AccuracyWorker worker = new AccuracyWorker();
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread caller = new Thread(() -> worker.callUntilStopped(messenger), "caller-" + i);
                caller.setDaemon(true); // a measurement that went away (its input closed) ends this one too
                caller.start();
                callers.add(caller);
            }
            await(commands, "STOP");
            worker.running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
            System.out.println("RESULT " + new ObjectMapper().writeValueAsString(worker.counts()));
            System.out.flush();
        }
    }

    private static void await(BufferedReader commands, String command) throws Exception {
        String line;
        while ((line = commands.readLine()) != null) {
            if (line.trim().equals(command)) {
                return;
            }
        }
        throw new IllegalStateException("standard input closed before " + command);
    }

    private void callUntilStopped(AccuracyMeasurement.Messenger messenger) {
        while (running.get()) {
            try {
                messenger.send("{\"touser\":\"OPENID\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");
                ok.incrementAndGet();
            } catch (QuotaExhaustedException e) {
                (e.getMessage().contains("WeChat answered") ? rejectedAfter45009 : rejectedLocally).incrementAndGet();
                pause();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(AFTER_REJECTION.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("okReplies", ok.get());
        counts.put("rejectedLocally", rejectedLocally.get());
        counts.put("rejectedAfter45009", rejectedAfter45009.get());
        counts.put("failed", failed.get());
        return counts;
    }

    /** The worker's clock from its argument: {@code from:<instant>}, or an offset in ms from the system clock. */
    static Clock clock(String argument) {
        String from = "from:";
        Clock system = Clock.systemUTC();
        return argument.startsWith(from)
                ? Clock.offset(system, Duration.between(system.instant(), Instant.parse(argument.substring(from.length()))))
                : Clock.offset(system, Duration.ofMillis(Long.parseLong(argument)));
    }
}
