package io.github.wechatquota.benchmarks;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lease ledger's records under a key prefix, read straight from Redis ({@code <prefix>:lease:<quota>}, a field
 * per instance holding {@code <epochDay>;<tokens>;<lapsesAt, epoch millis>}, see docs/design.md, "Leases"): what an
 * instance killed for real left behind, seen from outside the guards.
 */
final class LeaseRecords {

    /**
     * One instance's record.
     *
     * @param tokens the tokens its last block left it with when written: at most what it held unspent since
     * @param lapsesAt when a sync stops counting the record (a minute after its block's own end)
     */
    record LeaseRecord(String key, String owner, long epochDay, long tokens, Instant lapsesAt) {
    }

    private LeaseRecords() {
    }

    /** Every record under {@code prefix}, tokens 0 included (an instance that went back to single exchanges). */
    static List<LeaseRecord> read(String prefix) {
        RedisClient client = RedisClient.create(RedisStoreBenchmark.REDIS_URI);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return read(connection.sync(), prefix);
        } finally {
            client.shutdown();
        }
    }

    static List<LeaseRecord> read(RedisCommands<String, String> redis, String prefix) {
        List<LeaseRecord> records = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs match = ScanArgs.Builder.matches(prefix + ":lease:*").limit(1000);
        do {
            KeyScanCursor<String> page = redis.scan(cursor, match);
            for (String key : page.getKeys()) {
                for (Map.Entry<String, String> field : redis.hgetall(key).entrySet()) {
                    String[] parts = field.getValue().split(";");
                    if (!field.getKey().equals("#v") && parts.length == 3) {
                        records.add(new LeaseRecord(key, field.getKey(), Long.parseLong(parts[0]),
                                Long.parseLong(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2]))));
                    }
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        return records;
    }
}
