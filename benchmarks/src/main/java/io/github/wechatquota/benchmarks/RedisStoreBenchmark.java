package io.github.wechatquota.benchmarks;

import static io.github.wechatquota.benchmarks.Fixtures.CALL_STUB;
import static io.github.wechatquota.benchmarks.Fixtures.OK;

import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.store.redis.RedisQuotaStore;
import io.github.wechatquota.store.redis.RedissonQuotaStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.redisson.Redisson;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * Measurement 2, Redis: permitted calls through the guard on the Redis store, on one hot key or spread over 1,000 keys
 * (1,000 accounts of one API), with and without Bucket4j's batching, through either client the store runs on (Lettuce,
 * its own connection; Redisson, the application's client with Redisson's default pool); beside the physical limit of
 * the same topology, a plain {@code GET} round trip through the same client from the same threads. Redis on
 * 127.0.0.1:6379; every key is under a prefix of the run's own, deleted afterwards. The round trips each call costs are
 * counted from {@code INFO commandstats} over the trial (see {@link StoreCounts}).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public class RedisStoreBenchmark {

    static final String REDIS_URI = "redis://127.0.0.1:6379";

    /** {@code store-leases}: the Redis store as configured by default (leases and batching); {@code store-batching}:
     *  leases off, batching on; {@code store-no-batching}: both off; {@code lettuce-get}: one GET per call on one
     *  shared connection, the round trip every store exchange needs; the {@code redisson-} ones: the same on a
     *  {@link RedissonClient} ({@link RedissonQuotaStore}, {@code RBucket.get}). */
    @Param({"store-leases", "store-batching", "store-no-batching", "lettuce-get",
        "redisson-store-leases", "redisson-store-batching", "redisson-store-no-batching", "redisson-get"})
    public String impl;

    /** How many (appid, cgi_path) keys the threads spread their calls over. */
    @Param({"1", "1000"})
    public int keys;

    private final String prefix = "wxq-bench-" + UUID.randomUUID().toString().substring(0, 8);
    private QuotaGuard guard;
    private GuardedApi api;
    private String[] appIds;
    private String[] rawKeys;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private RedissonClient redisson;
    private RBucket<String>[] redissonKeys;
    private Fixtures.WeChatStub weChat;
    private final LongAdder calls = new LongAdder();
    private Map<String, Long> commandsBefore;
    private BenchmarkParams params;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams benchmarkParams) {
        params = benchmarkParams;
        weChat = new Fixtures.WeChatStub(OK);
        appIds = new String[keys];
        rawKeys = new String[keys];
        for (int i = 0; i < keys; i++) {
            appIds[i] = Fixtures.benchAppId(i);
            rawKeys[i] = prefix + ":raw:" + i;
        }
        client = RedisClient.create(REDIS_URI);
        connection = client.connect();
        redis = connection.sync();
        if (impl.startsWith("redisson-")) {
            Config config = new Config();
            config.useSingleServer().setAddress(REDIS_URI); // Redisson's defaults otherwise, as an application has them
            redisson = Redisson.create(config);
        }
        if (impl.endsWith("-get")) {
            for (String key : rawKeys) {
                redis.set(key, OK);
            }
            if (redisson != null) {
                redissonKeys = redissonBuckets(redisson, rawKeys);
            }
            commandsBefore = commandCounts(redis);
            return;
        }
        RedisQuotaStore.Builder store = redisson != null
                ? RedissonQuotaStore.builder(redisson) : RedisQuotaStore.builder(REDIS_URI);
        guard = Fixtures.storeGuard(keys)
                .storeLeases(impl.endsWith("-leases"))
                .keyPrefix(prefix)
                .store(store.keyPrefix(prefix).commandTimeout(Fixtures.STORE_TIMEOUT)
                        .batching(!impl.endsWith("no-batching")).build())
                .build();
        api = guard.register(Fixtures.SEND_API);
        for (String appId : appIds) {
            api.bind(appId); // creates every bucket now, not during the measurement
        }
        commandsBefore = commandCounts(redis);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Map<String, Long> after = commandCounts(redis);
        Map<String, Object> perCall = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long delta = entry.getValue() - commandsBefore.getOrDefault(entry.getKey(), 0L);
            if (delta > 0 && !entry.getKey().equals("info")) {
                perCall.put(entry.getKey(), (double) delta / calls.sum());
                total += delta;
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("store", "redis");
        line.put("impl", impl);
        line.put("keys", keys);
        line.put("mode", params.getMode().shortLabel());
        line.put("threads", params.getThreads());
        // commandstats also counts what scripts run: Bucket4j's compare-and-swap script runs a GET (and a PSETEX
        // when it succeeds); the lease ledger's write runs an HINCRBY, its reads (syncs only, none here) an HGET.
        // Round trips are the commands the client sent: the scripts (and any SCRIPT LOAD before an EVALSHA), and the
        // GETs the compare-and-swap scripts did not run.
        long scripts = delta(after, "eval") + delta(after, "evalsha");
        long leaseScripts = delta(after, "hincrby");
        long scriptLoads = after.keySet().stream().filter(command -> command.startsWith("script"))
                .mapToLong(command -> delta(after, command)).sum(); // "script|load" in Redis 7
        long clientCommands = scripts + scriptLoads + Math.max(0, delta(after, "get") - (scripts - leaseScripts));
        line.put("calls", calls.sum());
        line.put("roundTripsPerCall", (double) clientCommands / calls.sum());
        line.put("commandsPerCall", (double) total / calls.sum());
        line.put("byCommand", perCall);
        StoreCounts.append(line);
        if (guard != null) {
            guard.close(); // the store is the guard's: closing it is the application's job
        }
        if (redisson != null) {
            redisson.shutdown();
        }
        RedisCleanup.deleteKeys(redis, prefix);
        connection.close();
        client.shutdown();
    }

    @SuppressWarnings("unchecked") // an array of one generic type
    private static RBucket<String>[] redissonBuckets(RedissonClient redisson, String[] keys) {
        RBucket<String>[] buckets = new RBucket[keys.length];
        for (int i = 0; i < keys.length; i++) {
            buckets[i] = redisson.getBucket(keys[i], StringCodec.INSTANCE);
        }
        return buckets;
    }

    /** Which key each thread calls next: threads start at different keys and walk through them. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = ThreadLocalRandom.current().nextInt(1 << 20);
    }

    private long delta(Map<String, Long> after, String command) {
        return after.getOrDefault(command, 0L) - commandsBefore.getOrDefault(command, 0L);
    }

    /** Calls made by command, from {@code INFO commandstats}: {@code cmdstat_get:calls=12,...}. */
    static Map<String, Long> commandCounts(RedisCommands<String, String> redis) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : redis.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String calls = line.substring(line.indexOf("calls=") + 6);
                counts.put(name, Long.parseLong(calls.substring(0, calls.indexOf(','))));
            }
        }
        return counts;
    }

    @Benchmark
    public Object call(Cursor cursor) throws Throwable {
        calls.increment();
        int key = keys == 1 ? 0 : (cursor.next++ & Integer.MAX_VALUE) % keys;
        if (guard != null) {
            return guard.call(api, appIds[key], weChat, CALL_STUB);
        }
        if (redissonKeys != null) {
            return redissonKeys[key].get();
        }
        return redis.get(rawKeys[key]);
    }
}
