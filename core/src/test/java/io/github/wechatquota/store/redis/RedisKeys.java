package io.github.wechatquota.store.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisKeyCommands;
import java.util.ArrayList;
import java.util.List;

/** The keys a test made: found by SCAN under the test's own prefix, never by KEYS or FLUSH on a shared Redis. */
final class RedisKeys {

    private static final int MAX_SCANS = 100_000;

    private RedisKeys() {
    }

    /** Every key starting with {@code prefix}. */
    static List<String> under(RedisKeyCommands<String, ?> redis, String prefix) {
        return scan(redis, escape(prefix) + "*");
    }

    /** Every key containing {@code fragment}, wherever it is. */
    static List<String> containing(RedisKeyCommands<String, ?> redis, String fragment) {
        return scan(redis, "*" + escape(fragment) + "*");
    }

    private static List<String> scan(RedisKeyCommands<String, ?> redis, String pattern) {
        List<String> keys = new ArrayList<>();
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1000);
        ScanCursor cursor = ScanCursor.INITIAL;
        for (int scans = 0; scans < MAX_SCANS; scans++) {
            KeyScanCursor<String> page = redis.scan(cursor, args);
            keys.addAll(page.getKeys());
            if (page.isFinished()) {
                return keys;
            }
            cursor = page;
        }
        throw new IllegalStateException("SCAN did not finish");
    }

    /** Deletes every key starting with {@code prefix}, and only those. */
    static void deleteUnder(RedisKeyCommands<String, ?> redis, String prefix) {
        List<String> keys = under(redis, prefix);
        if (!keys.isEmpty()) {
            redis.del(keys.toArray(String[]::new));
        }
    }

    private static String escape(String prefix) {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
