package io.github.wechatquota.benchmarks;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;

/** Deletes the keys a measurement wrote, and only those: everything under its own prefix. */
final class RedisCleanup {

    private RedisCleanup() {
    }

    static long deleteKeys(RedisCommands<String, String> redis, String prefix) {
        long deleted = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs match = ScanArgs.Builder.matches(prefix + ":*").limit(1000);
        do {
            KeyScanCursor<String> page = redis.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
                deleted += redis.del(page.getKeys().toArray(new String[0]));
            }
            cursor = page;
        } while (!cursor.isFinished());
        return deleted;
    }
}
