package io.github.wechatquota.store.redis;

import io.github.wechatquota.internal.KeyPrefix;
import io.github.wechatquota.store.QuotaStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Redis store: Bucket4j's compare-and-swap integration, so that every instance of every service using one Redis
 * and one key prefix draws from one count per quota; the monthly clear counts, the clear lock and the last syncs live
 * in the same Redis. Through the application's client: Lettuce here (standalone and Sentinel through a
 * {@link RedisClient} or a URI, Redis Cluster through a {@link RedisClusterClient}; needs {@code bucket4j_jdk17-lettuce}),
 * or Redisson through {@link RedissonQuotaStore#builder} (needs {@code bucket4j_jdk17-redisson}). Instances on either
 * client share one count: keys and values are the same.
 *
 * <pre>{@code
 * QuotaStore store = RedisQuotaStore.builder("redis://127.0.0.1:6379")
 *         .keyPrefix("wxq")
 *         .build();
 * }</pre>
 *
 * <p>Every key the store writes starts with the key prefix and expires: a bucket an hour after it would be full again
 * (so after its day), a month's clear count after 40 days, a sync record after 26 hours. Bucket keys given to
 * {@link #bucket} that already start with {@code <prefix>:} (the engine's do, when both are configured with the same
 * prefix) are used as they are; others are put under it.
 *
 * <p>Failures are never swallowed: an unreachable or slow Redis makes each operation throw the client's exception
 * (Lettuce's {@code RedisException}, a {@code RedisCommandTimeoutException} after the command timeout; Redisson's
 * {@code RedisException}, a {@code RedisTimeoutException}) or Bucket4j's {@link io.github.bucket4j.TimeoutException},
 * for the engine's {@code on-failure} to handle. A Redis down when the store is built does not fail the build: the
 * store connects on first use, and the client reconnects by itself after an outage.
 *
 * <p>The stores the builders make are {@link QuotaStore}s of a class of their own, free of client types, so that an
 * application with only Lettuce or only Redisson loads it.
 */
public final class RedisQuotaStore {

    private RedisQuotaStore() {
    }

    /**
     * A store over the application's client (for example Spring Data Redis' {@code
     * LettuceConnectionFactory.getNativeClient()} when it is a {@link RedisClient}), which must have been created with
     * a URI; {@code redis-sentinel://} URIs work as Lettuce resolves them.
     * The store opens its own connection on it and closes only that connection; the client's options are left as
     * they are, so while disconnected its commands wait up to the command timeout unless the client rejects them.
     */
    public static Builder builder(RedisClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder(timeout -> new LettuceBackend(new RedisLink(() -> {
            StatefulRedisConnection<String, byte[]> connection = client.connect(RedisLink.CODEC);
            return RedisLink.Commands.of(connection, connection.async());
        }, timeout, () -> { })));
    }

    /**
     * A store over the application's Redis Cluster client. Every key the store uses is touched alone by each
     * command and script, so keys spread over the cluster's slots freely. The store closes only its own connection.
     */
    public static Builder builder(RedisClusterClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder(timeout -> new LettuceBackend(new RedisLink(() -> {
            StatefulRedisClusterConnection<String, byte[]> connection = client.connect(RedisLink.CODEC);
            return RedisLink.Commands.of(connection, connection.async());
        }, timeout, () -> { })));
    }

    /**
     * A store with a client of its own, made from a URI: {@code redis://}, {@code rediss://},
     * {@code redis-sentinel://} or {@code redis-socket://} (Redis Cluster needs a {@link RedisClusterClient}). The
     * client rejects commands while disconnected, so that callers fail at once during an outage, reconnects within a
     * few seconds of Redis returning, and is shut down by {@link #close()}.
     *
     * @throws IllegalArgumentException when the URI cannot be read; the message shows it without its password
     */
    public static Builder builder(String uri) {
        Objects.requireNonNull(uri, "uri");
        RedisURI redisUri;
        try {
            redisUri = RedisURI.create(uri);
        } catch (RuntimeException e) {
            // Not chained: the parser's message repeats the URI, password included.
            throw new IllegalArgumentException("Not a Redis URI (redis://, rediss://, redis-sentinel://, "
                    + "redis-socket://): '" + redact(uri) + "'");
        }
        return new Builder(timeout -> ownClient(redisUri, timeout));
    }

    private static RedisBackend ownClient(RedisURI uri, Duration timeout) {
        ClientResources resources = DefaultClientResources.builder()
                // Lettuce's default backs off to 30 s between attempts; a quota store should be back soon after Redis.
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Builder.CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        return new LettuceBackend(new RedisLink(() -> {
            StatefulRedisConnection<String, byte[]> connection = client.connect(RedisLink.CODEC);
            return RedisLink.Commands.of(connection, connection.async());
        }, timeout, () -> {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }));
    }

    static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    /** Settings of a {@link RedisQuotaStore}; {@link #keyPrefix} is required. */
    public static final class Builder {

        /** Long enough for a TLS handshake across a data centre; only the one caller that connects waits for it. */
        static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

        private final Function<Duration, RedisBackend> backendFactory;
        private String keyPrefix;
        private Clock clock = Clock.systemUTC();
        private Duration commandTimeout = Duration.ofMillis(500);
        private boolean batching = true;

        Builder(Function<Duration, RedisBackend> backendFactory) {
            this.backendFactory = backendFactory;
        }

        /**
         * The prefix of every key the store writes, e.g. {@code wxq}: instances with the same prefix on the same Redis
         * share their quotas. Use the engine's key prefix. Required.
         */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = KeyPrefix.requireValid("keyPrefix", keyPrefix);
            return this;
        }

        /** The time buckets refill by; the engine's clock. Default: the system clock, UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a caller waits for Redis before the operation fails, so that a dead or stuck Redis does not stall
         * callers. Default: 500 ms.
         */
        public Builder commandTimeout(Duration commandTimeout) {
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            if (commandTimeout.isZero() || commandTimeout.isNegative()) {
                throw new IllegalArgumentException("commandTimeout must be positive, was " + commandTimeout);
            }
            this.commandTimeout = commandTimeout;
            return this;
        }

        /**
         * Whether concurrent calls on one bucket handle share round trips (Bucket4j's batching): under load a hot key
         * costs one exchange with Redis per batch instead of per call, with counts still exact. Default: true.
         */
        public Builder batching(boolean batching) {
            this.batching = batching;
            return this;
        }

        /**
         * The store. It tries to connect now; when Redis cannot be reached it logs a warning and connects on first
         * use instead, each operation failing until then.
         *
         * @throws IllegalStateException when no key prefix was set
         */
        public QuotaStore build() {
            if (keyPrefix == null) {
                throw new IllegalStateException("keyPrefix is required: every key the Redis store writes starts "
                        + "with it");
            }
            RedisBackend backend = backendFactory.apply(commandTimeout);
            backend.connectNow();
            return new RedisStore(backend, keyPrefix, clock, commandTimeout, batching);
        }
    }
}
