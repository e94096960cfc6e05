package io.github.wechatquota.store.redis;

import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisHashAsyncCommands;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's one Redis connection (standalone, Sentinel or Cluster: Lettuce multiplexes every caller over it),
 * connected lazily so that a Redis down when the application starts is a store failure the engine handles by
 * {@code on-failure}, not a failed start. Once connected, Lettuce reconnects by itself after an outage.
 */
final class RedisLink implements AutoCloseable {

    /** String keys (readable in redis-cli, the prefix visible to ACLs); byte values, as Bucket4j stores its state. */
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** After a failed connect, callers fail at once for this long instead of each trying (and waiting) again. */
    private static final long RECONNECT_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** A connection and the command views this store uses; the standalone and cluster APIs share these interfaces. */
    record Commands(StatefulConnection<String, byte[]> connection,
                    RedisScriptingAsyncCommands<String, byte[]> scripting,
                    RedisStringAsyncCommands<String, byte[]> strings,
                    RedisKeyAsyncCommands<String, byte[]> keys,
                    RedisHashAsyncCommands<String, byte[]> hashes) {

        static <C extends RedisScriptingAsyncCommands<String, byte[]> & RedisStringAsyncCommands<String, byte[]>
                & RedisKeyAsyncCommands<String, byte[]> & RedisHashAsyncCommands<String, byte[]>> Commands of(
                StatefulConnection<String, byte[]> connection, C commands) {
            return new Commands(connection, commands, commands, commands, commands);
        }
    }

    /** Opens a connection; blocking, throws Lettuce's exception when Redis cannot be reached. */
    @FunctionalInterface
    interface Connector {
        Commands connect();
    }

    private final Connector connector;
    private final Runnable onClose;
    private final Duration timeout;
    private final long timeoutNanos;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile Commands commands;
    private volatile RuntimeException lastFailure;
    private volatile long lastFailureAt;
    private volatile boolean closed;

    /**
     * @param onClose releases what the store owns beyond the connection (a client made from a URI), or nothing
     */
    RedisLink(Connector connector, Duration timeout, Runnable onClose) {
        this.connector = connector;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.onClose = onClose;
    }

    /** The commands over the connection, connecting first if need be; throws a {@link RedisException} if it cannot. */
    Commands commands() {
        Commands current = commands;
        return current != null ? current : connect();
    }

    private Commands connect() {
        if (closed) {
            throw new RedisException("The Redis quota store is closed");
        }
        // Only one caller waits on a connect: the others fail now rather than queue behind a dead Redis.
        if (!connecting.tryLock()) {
            throw new RedisConnectionException("Not connected to Redis: another caller is connecting");
        }
        try {
            Commands current = commands;
            if (current != null) {
                return current;
            }
            RuntimeException failure = lastFailure;
            long sinceFailure = System.nanoTime() - lastFailureAt;
            if (failure != null && sinceFailure < RECONNECT_PAUSE_NANOS) {
                throw new RedisConnectionException("Not connected to Redis: the last attempt, "
                        + TimeUnit.NANOSECONDS.toMillis(sinceFailure) + " ms ago, failed: " + failure.getMessage(), failure);
            }
            try {
                current = connector.connect();
            } catch (RuntimeException e) {
                lastFailure = e;
                lastFailureAt = System.nanoTime();
                throw e;
            }
            // Lettuce's own expiry, so that a command whose caller gave up does not linger in the queue.
            current.connection().setTimeout(timeout);
            if (closed) {
                current.connection().close();
                throw new RedisException("The Redis quota store is closed");
            }
            lastFailure = null;
            commands = current;
            return current;
        } finally {
            connecting.unlock();
        }
    }

    /**
     * Waits for a command at most the command timeout. Redis' errors come out as Lettuce's {@link RedisException}s
     * (a timeout as {@link RedisCommandTimeoutException}), never swallowed: the engine decides what a failure means.
     */
    <T> T await(RedisFuture<T> future, String what) {
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new RedisCommandTimeoutException("Redis did not answer " + what + " within " + timeout.toMillis()
                    + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RedisCommandTimeoutException) {
                throw new RedisCommandTimeoutException("Redis did not answer " + what + " within "
                        + timeout.toMillis() + " ms");
            }
            throw new RedisException("Redis failed " + what + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new RedisCommandInterruptedException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        connecting.lock();
        try {
            Commands current = commands;
            commands = null;
            if (current != null) {
                current.connection().close();
            }
        } finally {
            connecting.unlock();
            onClose.run();
        }
    }
}
