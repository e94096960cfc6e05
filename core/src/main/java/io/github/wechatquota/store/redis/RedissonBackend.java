package io.github.wechatquota.store.redis;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.redisson.Bucket4jRedisson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.Redisson;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.command.CommandAsyncExecutor;

/**
 * The store's commands through the application's {@link RedissonClient}: its connections, its pool, its
 * reconnection. Each command waits at most the command timeout, whatever Redisson's own timeout and retries are. The
 * client stays the application's: closing the store leaves it open.
 */
final class RedissonBackend implements RedisBackend {

    private static final String HGET = "return redis.call('hget', KEYS[1], ARGV[1])";
    private static final String HEXISTS = "return redis.call('hexists', KEYS[1], ARGV[1])";

    private final RedissonClient client;
    private final CommandAsyncExecutor executor;
    private final Duration timeout;

    private RedissonBackend(RedissonClient client, CommandAsyncExecutor executor, Duration timeout) {
        this.client = client;
        this.executor = executor;
        this.timeout = timeout;
    }

    /**
     * @throws IllegalArgumentException when the client is not Redisson's own implementation, whose command executor
     *     Bucket4j needs
     */
    static RedisBackend of(RedissonClient client, Duration timeout) {
        if (!(client instanceof Redisson redisson)) {
            throw new IllegalArgumentException("The Redis quota store needs Redisson's own client (org.redisson.Redisson,"
                    + " as Redisson.create(config) and redisson-spring-boot-starter make it), was "
                    + client.getClass().getName());
        }
        return new RedissonBackend(client, redisson.getCommandExecutor(), timeout);
    }

    @Override
    public ProxyManager<String> proxies(TimeMeter clock, Duration requestTimeout, ExpirationAfterWriteStrategy expiry) {
        return Bucket4jRedisson.casBasedBuilder(executor)
                .clientClock(clock)
                .requestTimeout(requestTimeout)
                .expirationAfterWrite(expiry)
                .build();
    }

    @Override
    public byte[] get(String key, String what) {
        return await(client.<byte[]>getBucket(key, ByteArrayCodec.INSTANCE).getAsync(), what);
    }

    @Override
    public boolean set(String key, byte[] value, Duration ttl, boolean onlyIfAbsent, String what) {
        Duration px = ttl.toMillis() < 1 ? Duration.ofMillis(1) : ttl;
        var bucket = client.<byte[]>getBucket(key, ByteArrayCodec.INSTANCE);
        if (onlyIfAbsent) {
            return await(bucket.setIfAbsentAsync(value, px), what);
        }
        await(bucket.setAsync(value, px), what);
        return true;
    }

    @Override
    public byte[] hget(String key, String field, String what) {
        return await(script().<byte[]>evalAsync(key, RScript.Mode.READ_ONLY, HGET, RScript.ReturnType.VALUE,
                List.of(key), (Object) RedisClearLedger.bytes(field)), what);
    }

    @Override
    public boolean hexists(String key, String field, String what) {
        Long exists = await(script().<Long>evalAsync(key, RScript.Mode.READ_ONLY, HEXISTS,
                RScript.ReturnType.INTEGER, List.of(key), (Object) RedisClearLedger.bytes(field)), what);
        return exists == 1L;
    }

    @Override
    public long eval(String script, String key, String what, byte[]... args) {
        Long result = await(script().<Long>evalAsync(key, RScript.Mode.READ_WRITE, script, RScript.ReturnType.INTEGER,
                List.of(key), (Object[]) args), what);
        return result;
    }

    private RScript script() {
        return client.getScript(ByteArrayCodec.INSTANCE);
    }

    /** Redisson connected when the application made the client; there is nothing to do now. */
    @Override
    public void connectNow() {
    }

    /** Leaves the application's client open. */
    @Override
    public void close() {
    }

    private <T> T await(RFuture<T> future, String what) {
        try {
            return future.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new RedisTimeoutException("Redis did not answer " + what + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new RedisException("Redis failed " + what + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new RedisException("Interrupted while " + what, e);
        }
    }
}
