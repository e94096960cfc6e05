package io.github.wechatquota.spring.cluster;

import io.github.wechatquota.testing.ExternalServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;

/** Deletes the keys one test made, and no others. */
final class RedisCleanup {

    private RedisCleanup() {
    }

    static void deleteKeys(String prefix) {
        RedisClient client = RedisClient.create("redis://" + ExternalServices.REDIS_HOST + ":"
                + ExternalServices.REDIS_PORT);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> made = connection.sync().keys(prefix + "*");
            if (!made.isEmpty()) {
                connection.sync().del(made.toArray(new String[0]));
            }
        } catch (RuntimeException redisAbsent) {
            // nothing was made there
        } finally {
            client.shutdown();
        }
    }
}
