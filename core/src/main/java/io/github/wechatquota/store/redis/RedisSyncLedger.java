package io.github.wechatquota.store.redis;

import static io.github.wechatquota.store.redis.RedisClearLedger.bytes;
import static io.github.wechatquota.store.redis.RedisClearLedger.text;

import io.github.wechatquota.internal.StoredSyncRecords;
import io.github.wechatquota.store.SyncLedger;
import io.github.wechatquota.store.SyncRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last sync of each quota as one Redis string, {@code <prefix>:sync:<quota>}, and sync claims as
 * {@code <prefix>:claim:<quota>}: not under the quota's own key, which holds its bucket.
 *
 * <p>A record is written as {@code 1;<at, ISO-8601>;<dailyLimit>;<used>;<remain>;<perMinuteLimit>;<refreshSeconds>}:
 * one {@code SET ... PX}, so that value and expiry are written together, readable with redis-cli, and versioned by its
 * first field should it ever change.
 */
final class RedisSyncLedger implements SyncLedger {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSyncLedger.class);

    /**
     * A record tells a restarted or newly started instance what WeChat said today; a day and a bit covers a sync made
     * just after midnight being read just before the next one, and nothing older is of use.
     */
    static final Duration RECORD_EXPIRY = Duration.ofHours(26);

    private static final String VERSION = "1";

    private final RedisBackend redis;
    private final UnaryOperator<String> quotaName;
    private final String prefix;

    /**
     * @param quotaName the quota's key without the store's prefix, so that the prefix is not written twice
     */
    RedisSyncLedger(RedisBackend redis, String prefix, UnaryOperator<String> quotaName) {
        this.redis = redis;
        this.prefix = prefix;
        this.quotaName = quotaName;
    }

    private String recordKey(String key) {
        return prefix + ":sync:" + quotaName.apply(key);
    }

    private String claimKey(String key) {
        return prefix + ":claim:" + quotaName.apply(key);
    }

    @Override
    public void record(String key, SyncRecord record) {
        String value = String.join(";", VERSION, record.at().toString(), Long.toString(record.dailyLimit()),
                Long.toString(record.used()), Long.toString(record.remain()),
                Long.toString(StoredSyncRecords.stored(record.perMinuteLimit())),
                Long.toString(StoredSyncRecords.stored(record.refreshSeconds())));
        redis.set(recordKey(key), bytes(value), RECORD_EXPIRY, false, "recording a sync");
    }

    @Override
    public Optional<SyncRecord> last(String key) {
        String redisKey = recordKey(key);
        byte[] value = redis.get(redisKey, "reading a sync");
        if (value == null) {
            return Optional.empty();
        }
        Optional<SyncRecord> record = decode(text(value));
        if (record.isEmpty()) {
            // Advisory data: a record this version cannot read is as good as none, and the next sync replaces it.
            LOG.warn("Ignoring the sync record under {}: not in a format this version reads", redisKey);
        }
        return record;
    }

    static Optional<SyncRecord> decode(String value) {
        String[] fields = value.split(";", -1);
        if (fields.length != 7 || !VERSION.equals(fields[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoredSyncRecords.read(Instant.parse(fields[1]), Long.parseLong(fields[2]),
                    Long.parseLong(fields[3]), Long.parseLong(fields[4]), Long.parseLong(fields[5]),
                    Long.parseLong(fields[6])));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code SET NX PX}: the first instance to ask gets the claim; it lapses by itself after {@code ttl}. */
    @Override
    public boolean tryClaim(String key, Duration ttl) {
        return redis.set(claimKey(key), bytes("1"), ttl, true, "claiming a sync");
    }
}
