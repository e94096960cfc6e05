package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import feign.Feign;
import feign.Headers;
import feign.RequestLine;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.feign.AccessTokenInterceptor;
import io.github.wechatquota.feign.WeChatQuotaCapability;
import io.github.wechatquota.simulator.RecordedCall;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.redis.RedisQuotaStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measurement 4: N instances (N = 1, 4, 16: separate guards, each with a Redis store of its own connection, as N
 * processes would have) share one Redis and one account whose API allows L = 10,000 calls a day; all hammer it through
 * a guarded Feign client against the simulator, 12,000 attempts in all over 32 threads. Counted: calls that reached
 * WeChat (succeeded there), WeChat's 45009s, calls the guards rejected without calling, and utilization (reached / L).
 * Run with no drift and no safety margin, then with WeChat over-counting by 1% and the default margin of 1%, then
 * (to show what the margin is for) with the drift and no margin.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.wechatquota.benchmarks.AccuracyMeasurement <out.json>}
 */
public final class AccuracyMeasurement {

    static final long LIMIT = 10_000;
    static final int ATTEMPTS = 12_000;
    static final int THREADS = 32;
    static final int[] INSTANCES = {1, 4, 16};

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
        Fixtures.simulatorWithoutNagle();
        // HttpURLConnection keeps at most 5 idle connections per host unless told: 32 threads need more.
        System.setProperty("http.maxConnections", String.valueOf(THREADS * 2));
        File out = new File(args.length > 0 ? args[0] : "accuracy.json");
        List<Map<String, Object>> runs = new ArrayList<>();
        double[][] scenarios = {{0, 0}, {0.01, 0.01}, {0.01, 0}};
        for (double[] scenario : scenarios) {
            for (int instances : INSTANCES) {
                Map<String, Object> run = run(instances, scenario[0], scenario[1]);
                System.out.println(run);
                runs.add(run);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("limit", LIMIT);
        result.put("attempts", ATTEMPTS);
        result.put("threads", THREADS);
        result.put("runs", runs);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, result);
    }

    static Map<String, Object> run(int instances, double drift, double safetyMargin) throws Exception {
        String prefix = "wxq-bench-acc-" + UUID.randomUUID().toString().substring(0, 8);
        List<QuotaGuard> guards = new ArrayList<>();
        List<QuotaStore> stores = new ArrayList<>();
        try (WeChatSimulator weChat = WeChatSimulator.builder()
                .account(Fixtures.APP_ID, Fixtures.SECRET, io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT)
                .start()) {
            weChat.setDailyLimit(Fixtures.APP_ID, Fixtures.SEND, LIMIT);
            weChat.setDrift(drift);
            List<Messenger> messengers = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                QuotaStore store = RedisQuotaStore.builder(RedisStoreBenchmark.REDIS_URI).keyPrefix(prefix).build();
                stores.add(store);
                QuotaGuard guard = QuotaGuard.builder()
                        .apiBaseUrl(weChat.baseUri())
                        .app(AppSettings.builder(Fixtures.APP_ID, AccountType.OFFICIAL_ACCOUNT)
                                .secret(Fixtures.SECRET).build())
                        .store(store)
                        .keyPrefix(prefix)
                        .safetyMargin(safetyMargin)
                        .build();
                guards.add(guard);
                messengers.add(Feign.builder()
                        .addCapability(new WeChatQuotaCapability(guard))
                        .requestInterceptor(new AccessTokenInterceptor(guard.accessTokens(), Fixtures.APP_ID))
                        .target(Messenger.class, weChat.baseUri().toString()));
            }
            for (QuotaGuard guard : guards) {
                guard.syncNow().join(); // as the starter's start-up sync: WeChat's own limit before the first call
            }
            weChat.resetCalls();

            AtomicLong ok = new AtomicLong();
            AtomicLong rejectedLocally = new AtomicLong();
            AtomicLong rejectedAfter45009 = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            int perThread = ATTEMPTS / THREADS;
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Messenger messenger = messengers.get(t % instances);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        try {
                            messenger.send("{\"touser\":\"OPENID\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");
                            ok.incrementAndGet();
                        } catch (QuotaExhaustedException e) {
                            (e.getMessage().contains("WeChat answered") ? rejectedAfter45009 : rejectedLocally)
                                    .incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            pool.shutdown();

            List<RecordedCall> calls = weChat.calls(Fixtures.SEND);
            long reached = calls.stream().filter(RecordedCall::succeeded).count();
            long limited = calls.stream().filter(call -> call.errcode() == 45009).count();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("instances", instances);
            row.put("drift", drift);
            row.put("safetyMargin", safetyMargin);
            row.put("attempts", (long) perThread * THREADS);
            row.put("reached", reached);
            row.put("errcode45009", limited);
            row.put("rejectedLocally", rejectedLocally.get());
            row.put("rejectedAfter45009", rejectedAfter45009.get());
            row.put("failed", failed.get());
            row.put("okReplies", ok.get());
            row.put("utilization", (double) reached / LIMIT);
            row.put("weChatAllows", weChatAllows(drift));
            row.put("millis", millis);
            return row;
        } finally {
            guards.forEach(QuotaGuard::close);
            stores.forEach(QuotaStore::close);
            RedisClient client = RedisClient.create(RedisStoreBenchmark.REDIS_URI);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCleanup.deleteKeys(connection.sync(), prefix);
            } finally {
                client.shutdown();
            }
        }
    }

    /** The real calls the simulator lets through before its (over-)count reaches the limit. */
    static long weChatAllows(double drift) {
        long calls = 0;
        while (calls + 1 + (long) Math.floor((calls + 1) * drift) <= LIMIT) {
            calls++;
        }
        return calls;
    }
}
