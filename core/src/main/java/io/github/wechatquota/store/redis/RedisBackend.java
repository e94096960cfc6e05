package io.github.wechatquota.store.redis;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;

/**
 * The Redis client the store works through: Lettuce or Redisson, whichever the application has. Only the few commands
 * the ledgers need, each bounded by the command timeout; every failure surfaces as the client's own exception, never
 * swallowed. Keys and values are written the same way through either client, so instances on different clients share
 * one count. Lettuce and Redisson types stay inside the implementations, so either client may be absent.
 */
interface RedisBackend extends AutoCloseable {

    /** Bucket4j's compare-and-swap proxy manager over this client. */
    ProxyManager<String> proxies(TimeMeter clock, Duration requestTimeout, ExpirationAfterWriteStrategy expiry);

    /** {@code GET key}, or null. */
    byte[] get(String key, String what);

    /** {@code SET key value PX ttl}, with {@code NX} when {@code onlyIfAbsent}; whether it was set. */
    boolean set(String key, byte[] value, Duration ttl, boolean onlyIfAbsent, String what);

    /** {@code HGET key field}, or null. */
    byte[] hget(String key, String field, String what);

    /** {@code HEXISTS key field}. */
    boolean hexists(String key, String field, String what);

    /** Runs a script on one key, answering an integer. */
    long eval(String script, String key, String what, byte[]... args);

    /**
     * Connects now when it can; when Redis cannot be reached, logs a warning and leaves connecting to the first use.
     *
     * @throws RuntimeException when the client cannot work at all (not Redis being away)
     */
    void connectNow();

    /** Releases what the store owns of the client: its own connection, or a client it made. */
    @Override
    void close();
}
