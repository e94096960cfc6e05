package io.github.wechatquota.store.redis;

import static io.github.wechatquota.store.redis.RedisClearLedger.bytes;

import io.github.wechatquota.store.LeaseLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The leases on each quota as one Redis hash, {@code <prefix>:lease:<quota>}: a field per instance holding
 * {@code <epochDay>;<tokens>;<lapsesAt, epoch millis>}, and the field {@code #v}, the version every write bumps. Each
 * write and each read is one script, so that the entry, the version and the key's expiry move together.
 */
final class RedisLeaseLedger implements LeaseLedger {

    /** The hash outlives its last write by this much: a day's entries are of no use the day after. */
    static final Duration KEY_EXPIRY = Duration.ofHours(26);

    private static final String PUBLISH = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            local v = redis.call('HINCRBY', KEYS[1], '#v', 1)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return v""";

    private static final String VERSION = """
            return tonumber(redis.call('HGET', KEYS[1], '#v') or '0')""";

    /** The sum of the day's entries not lapsed; -1 when the version moved. */
    private static final String OUTSTANDING = """
            if tonumber(redis.call('HGET', KEYS[1], '#v') or '0') ~= tonumber(ARGV[3]) then return -1 end
            local all = redis.call('HGETALL', KEYS[1])
            local day, now, sum = tonumber(ARGV[1]), tonumber(ARGV[2]), 0
            for i = 1, #all, 2 do
              if all[i] ~= '#v' then
                local d, t, e = string.match(all[i + 1], '^(%d+);(%d+);(%d+)$')
                if d and tonumber(d) == day and tonumber(e) > now then sum = sum + tonumber(t) end
              end
            end
            return sum""";

    private final RedisBackend redis;
    private final String prefix;
    private final UnaryOperator<String> quotaName;

    /**
     * @param quotaName the quota's key without the store's prefix, so that the prefix is not written twice
     */
    RedisLeaseLedger(RedisBackend redis, String prefix, UnaryOperator<String> quotaName) {
        this.redis = redis;
        this.prefix = prefix;
        this.quotaName = quotaName;
    }

    private String leaseKey(String key) {
        return prefix + ":lease:" + quotaName.apply(key);
    }

    @Override
    public void publish(String key, String owner, long epochDay, long tokens, Instant lapsesAt) {
        String entry = epochDay + ";" + tokens + ";" + lapsesAt.toEpochMilli();
        redis.eval(PUBLISH, leaseKey(key), "recording a lease", bytes(owner), bytes(entry),
                bytes(KEY_EXPIRY.toMillis()));
    }

    @Override
    public long version(String key) {
        return redis.eval(VERSION, leaseKey(key), "reading the leases' version");
    }

    @Override
    public long outstanding(String key, long epochDay, Instant now, long version) {
        return redis.eval(OUTSTANDING, leaseKey(key), "reading the leases", bytes(epochDay),
                bytes(now.toEpochMilli()), bytes(version));
    }
}
