package io.github.wechatquota.store.redis;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RecoveryStrategy;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.github.wechatquota.store.ClearLedger;
import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncLedger;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis store: Bucket4j's Lettuce integration (compare-and-swap), so that every instance of every service using
 * one Redis and one key prefix draws from one count per quota; the monthly clear counts, the clear lock and the last
 * syncs live in the same Redis. Standalone and Sentinel through a {@link RedisClient} or a URI, Redis Cluster through
 * a {@link RedisClusterClient}.
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
 * <p>Failures are never swallowed: an unreachable or slow Redis makes each operation throw Lettuce's
 * {@link RedisException} (a {@link io.lettuce.core.RedisCommandTimeoutException} after the command timeout) or
 * Bucket4j's {@link io.github.bucket4j.TimeoutException}, for the engine's {@code on-failure} to handle. A Redis down
 * when the store is built does not fail the build: the store connects on first use, and Lettuce reconnects by itself
 * after an outage.
 */
public final class RedisQuotaStore implements QuotaStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisQuotaStore.class);

    /**
     * How long a bucket's key lives after its bucket would be full again. A daily bucket refills at midnight, so its
     * key lives until an hour past the next midnight: it never outlives its day by more than that, and a past day's
     * buckets do not pile up. A full bucket holds no count (its state is its configuration), so it goes an hour after
     * its last write; a handle then finds it lost and the engine re-creates it, from the day's sync record (kept 26
     * hours) when there is one. The hour is kept rather than zero so that a busy key is not re-created at every
     * refill.
     */
    static final Duration KEEP_AFTER_FULL = Duration.ofHours(1);

    /** A handle whose state is lost throws instead of re-creating it full, whoever created it first. */
    private static final Supplier<BucketConfiguration> LOST = () -> {
        throw new BucketNotFoundException();
    };

    /** The key prefix and its separator: {@code wxq:}. */
    private final String namespace;
    private final RedisLink link;
    private final ProxyManager<String> proxies;
    private final boolean batching;
    private final ClearLedger clears;
    private final SyncLedger syncs;

    private RedisQuotaStore(Builder builder, RedisLink link) {
        this.namespace = builder.keyPrefix + ':';
        this.link = link;
        this.batching = builder.batching;
        this.proxies = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String>(new LazyRedisApi<>(link))
                // Wall-clock time from the configured clock: refills aligned to midnight need it.
                .clientClock(LocalQuotaStore.timeMeter(builder.clock))
                .requestTimeout(builder.commandTimeout)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                .build();
        this.clears = new RedisClearLedger(link, builder.keyPrefix);
        this.syncs = new RedisSyncLedger(link, builder.keyPrefix, this::quotaName);
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
        return new Builder(timeout -> new RedisLink(() -> {
            StatefulRedisConnection<String, byte[]> connection = client.connect(RedisLink.CODEC);
            return RedisLink.Commands.of(connection, connection.async());
        }, timeout, () -> { }));
    }

    /**
     * A store over the application's Redis Cluster client. Every key the store uses is touched alone by each
     * command and script, so keys spread over the cluster's slots freely. The store closes only its own connection.
     */
    public static Builder builder(RedisClusterClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder(timeout -> new RedisLink(() -> {
            StatefulRedisClusterConnection<String, byte[]> connection = client.connect(RedisLink.CODEC);
            return RedisLink.Commands.of(connection, connection.async());
        }, timeout, () -> { }));
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

    private static RedisLink ownClient(RedisURI uri, Duration timeout) {
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
        return new RedisLink(() -> {
            StatefulRedisConnection<String, byte[]> connection = client.connect(RedisLink.CODEC);
            return RedisLink.Commands.of(connection, connection.async());
        }, timeout, () -> {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        });
    }

    static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    /** {@code redis}. */
    @Override
    public String name() {
        return "redis";
    }

    /** Always: instances on one Redis and one prefix share every count, clear and sync. */
    @Override
    public boolean shared() {
        return true;
    }

    /**
     * Creates the bucket's state from {@code configuration} when Redis has none (an existing state is left as it is,
     * whatever its configuration; of two instances creating it at once, one state wins through Bucket4j's
     * compare-and-swap), then returns a handle on it. Should the state later be lost (expired, evicted, deleted, a
     * Redis restarted without persistence), the handle throws {@link BucketNotFoundException} rather than handing out
     * a fresh full day.
     *
     * @throws RedisException when Redis cannot be reached or does not answer in time
     */
    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(configuration, "configuration");
        String redisKey = bucketKey(key);
        // Bucket4j's THROW_BUCKET_NOT_FOUND_EXCEPTION only throws for a handle that created the state itself; a
        // handle on a state another instance created would re-create it when lost. So the state is made here, by a
        // throw-away handle, and the kept one has a configuration supplier that throws: lost means lost, always.
        proxies.builder().build(redisKey, () -> configuration).getAvailableTokens();
        RemoteBucketBuilder<String> handle = proxies.builder()
                .withRecoveryStrategy(RecoveryStrategy.THROW_BUCKET_NOT_FOUND_EXCEPTION);
        if (batching) {
            handle = handle.withOptimization(Optimizations.batching());
        }
        return handle.build(redisKey, LOST);
    }

    @Override
    public ClearLedger clears() {
        return clears;
    }

    @Override
    public SyncLedger syncs() {
        return syncs;
    }

    /** Closes the store's connection, and the client too when the store made it from a URI. */
    @Override
    public void close() {
        link.close();
    }

    private String bucketKey(String key) {
        return key.startsWith(namespace) ? key : namespace + key;
    }

    private String quotaName(String key) {
        return key.startsWith(namespace) ? key.substring(namespace.length()) : key;
    }

    /**
     * Bucket4j's commands over the lazily connected link: one that cannot connect throws to the caller. Generic in the
     * key type, as Bucket4j's own are, because Bucket4j passes its key arrays as {@code Object[]}: a {@code String[]}
     * parameter would fail the cast.
     */
    private static final class LazyRedisApi<K> implements RedisApi<K> {
        private final RedisLink link;

        LazyRedisApi(RedisLink link) {
            this.link = link;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] params) {
            RedisScriptingAsyncCommands<K, byte[]> scripting = (RedisScriptingAsyncCommands) link.commands().scripting();
            return scripting.eval(script, type, keys, params);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public RedisFuture<byte[]> get(K key) {
            RedisStringAsyncCommands<K, byte[]> strings = (RedisStringAsyncCommands) link.commands().strings();
            return strings.get(key);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public RedisFuture<?> delete(K key) {
            RedisKeyAsyncCommands<K, byte[]> keys = (RedisKeyAsyncCommands) link.commands().keys();
            return keys.del(key);
        }
    }

    /** Settings of a {@link RedisQuotaStore}; {@link #keyPrefix} is required. */
    public static final class Builder {

        /** Long enough for a TLS handshake across a data centre; only the one caller that connects waits for it. */
        static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

        private final Function<Duration, RedisLink> linkFactory;
        private String keyPrefix;
        private Clock clock = Clock.systemUTC();
        private Duration commandTimeout = Duration.ofMillis(500);
        private boolean batching = true;

        private Builder(Function<Duration, RedisLink> linkFactory) {
            this.linkFactory = linkFactory;
        }

        /**
         * The prefix of every key the store writes, e.g. {@code wxq}: instances with the same prefix on the same Redis
         * share their quotas. Use the engine's key prefix. Required.
         */
        public Builder keyPrefix(String keyPrefix) {
            if (keyPrefix == null || keyPrefix.isBlank() || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("keyPrefix must be non-empty without whitespace, was '"
                        + keyPrefix + "'");
            }
            this.keyPrefix = keyPrefix;
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
            RedisLink link = linkFactory.apply(commandTimeout);
            try {
                link.commands();
            } catch (RedisException e) {
                LOG.warn("Redis quota store not connected yet, will connect on first use: {}", e.getMessage());
            } catch (RuntimeException e) {
                link.close(); // not Redis being away but a client that cannot work, e.g. one made without a URI
                throw e;
            }
            return new RedisQuotaStore(this, link);
        }
    }
}
