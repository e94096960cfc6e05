package io.github.wechatquota.store.redis;

import java.util.Objects;
import org.redisson.api.RedissonClient;

/**
 * The Redis store through Redisson: the same store as {@link RedisQuotaStore}'s (same keys, same values, so instances
 * on Redisson and on Lettuce share one count), on the application's {@link RedissonClient}. A class of its own so that
 * an application compiles against the client it has, Lettuce or Redisson, without the other.
 *
 * <pre>{@code
 * QuotaStore store = RedissonQuotaStore.builder(redissonClient)
 *         .keyPrefix("wxq")
 *         .build();
 * }</pre>
 */
public final class RedissonQuotaStore {

    private RedissonQuotaStore() {
    }

    /**
     * A store over the application's Redisson client (as {@code redisson-spring-boot-starter} makes it, or
     * {@code Redisson.create(config)}): its connections and pool, single server, Sentinel or Cluster alike. The store
     * opens nothing of its own and leaves the client open on close. Each operation waits at most the command timeout,
     * whatever Redisson's own timeout and retry settings say. Needs {@code com.bucket4j:bucket4j_jdk17-redisson}.
     *
     * @throws IllegalArgumentException when the client is not Redisson's own {@code org.redisson.Redisson}
     */
    public static RedisQuotaStore.Builder builder(RedissonClient client) {
        Objects.requireNonNull(client, "client");
        return new RedisQuotaStore.Builder(timeout -> RedissonBackend.of(client, timeout));
    }
}
