package io.github.wechatquota.store.redis;

import io.github.wechatquota.store.ClearLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Clear counts, refusals, last clear times and clear locks in Redis, shared by every instance on the same prefix.
 *
 * <p>Keys: {@code <prefix>:clears:<appid>:<yyyy-MM>} is a hash with the month's {@code used} count and, once WeChat
 * refused a clear (48006), an {@code exhausted} field; {@code <prefix>:cleared-at:<appid>} holds the last clear in
 * epoch milliseconds; {@code <prefix>:clear-lock:<appid>} is the lock. Count and refusal share one key so that the
 * reservation script checks both atomically, and so that it touches one key (one hash slot in a Redis Cluster).
 */
final class RedisClearLedger implements ClearLedger {

    /** A month's entries outlive the longest month with room for clocks that disagree; then they are of no use. */
    static final Duration MONTH_EXPIRY = Duration.ofDays(40);

    /** Counts one more clear unless the month is refused by WeChat or at its maximum; sets the expiry either way. */
    private static final String RESERVE = """
            if redis.call('hexists', KEYS[1], 'exhausted') == 1 then return 0 end
            local used = tonumber(redis.call('hget', KEYS[1], 'used') or '0')
            if used >= tonumber(ARGV[1]) then return 0 end
            redis.call('hincrby', KEYS[1], 'used', 1)
            redis.call('pexpire', KEYS[1], ARGV[2])
            return 1
            """;

    /** The flag and its expiry in one step: a crash between two commands would leave a key that never expires. */
    private static final String MARK_EXHAUSTED = """
            redis.call('hset', KEYS[1], 'exhausted', '1')
            redis.call('pexpire', KEYS[1], ARGV[1])
            return 1
            """;

    /** Keeps the later of the stored and the given time: instances may report their clears out of order. */
    private static final String RECORD_CLEARED = """
            local current = tonumber(redis.call('get', KEYS[1]) or '0')
            if tonumber(ARGV[1]) > current then
              redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
            else
              redis.call('pexpire', KEYS[1], ARGV[2])
            end
            return 1
            """;

    /** Releases the lock only if it is still ours: after our lease ran out it may be another instance's. */
    private static final String RELEASE = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
            return 0
            """;

    /** How often a waiting {@link #lock} asks again; a clear takes seconds, so this costs nothing in latency. */
    private static final long LOCK_POLL_MILLIS = 20;

    private final RedisBackend redis;
    private final String prefix;

    RedisClearLedger(RedisBackend redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    private String monthKey(String appId, YearMonth month) {
        return prefix + ":clears:" + appId + ":" + month;
    }

    private String clearedAtKey(String appId) {
        return prefix + ":cleared-at:" + appId;
    }

    private String lockKey(String appId) {
        return prefix + ":clear-lock:" + appId;
    }

    @Override
    public int used(String appId, YearMonth month) {
        byte[] used = redis.hget(monthKey(appId, month), "used", "reading clears");
        return used == null ? 0 : Integer.parseInt(text(used));
    }

    @Override
    public boolean tryReserve(String appId, YearMonth month, int maxPerMonth) {
        return redis.eval(RESERVE, monthKey(appId, month), "reserving a clear", bytes(maxPerMonth),
                bytes(MONTH_EXPIRY.toMillis())) == 1L;
    }

    @Override
    public void markExhausted(String appId, YearMonth month) {
        redis.eval(MARK_EXHAUSTED, monthKey(appId, month), "marking clears exhausted", bytes(MONTH_EXPIRY.toMillis()));
    }

    @Override
    public boolean exhausted(String appId, YearMonth month) {
        return redis.hexists(monthKey(appId, month), "exhausted", "reading clears");
    }

    @Override
    public long lastClearedAt(String appId) {
        byte[] at = redis.get(clearedAtKey(appId), "reading the last clear");
        return at == null ? 0 : Long.parseLong(text(at));
    }

    @Override
    public void recordCleared(String appId, long epochMillis) {
        redis.eval(RECORD_CLEARED, clearedAtKey(appId), "recording a clear", bytes(epochMillis),
                bytes(MONTH_EXPIRY.toMillis()));
    }

    /**
     * {@code SET NX PX}: the lease is kept by Redis, so a holder that dies frees the lock when it runs out. The token
     * is random per take, so that only the taker releases it, whichever thread closes it.
     */
    @Override
    public Optional<AutoCloseable> lock(String appId, Duration lease, Duration wait) throws InterruptedException {
        String key = lockKey(appId);
        byte[] token = bytes(UUID.randomUUID().toString());
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (redis.set(key, token, lease, true, "taking the clear lock")) {
                return Optional.of(new Held(key, token));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Thread.sleep(Math.min(LOCK_POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
        }
    }

    /** A taken lock; closing it twice releases once. A failure to release surfaces; the lease is the safety net. */
    private final class Held implements AutoCloseable {
        private final String key;
        private final byte[] token;
        private boolean released;

        Held(String key, byte[] token) {
            this.key = key;
            this.token = token;
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            redis.eval(RELEASE, key, "releasing the clear lock", token);
            released = true;
        }
    }

    static byte[] bytes(long value) {
        return bytes(Long.toString(value));
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
