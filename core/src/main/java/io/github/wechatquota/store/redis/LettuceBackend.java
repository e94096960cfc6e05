package io.github.wechatquota.store.redis;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's commands through Lettuce, over the lazily connected {@link RedisLink}. */
final class LettuceBackend implements RedisBackend {

    private static final Logger LOG = LoggerFactory.getLogger(LettuceBackend.class);

    private final RedisLink link;

    LettuceBackend(RedisLink link) {
        this.link = link;
    }

    @Override
    public ProxyManager<String> proxies(TimeMeter clock, Duration requestTimeout, ExpirationAfterWriteStrategy expiry) {
        return new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String>(new LazyRedisApi<>(link))
                .clientClock(clock)
                .requestTimeout(requestTimeout)
                .expirationAfterWrite(expiry)
                .build();
    }

    @Override
    public byte[] get(String key, String what) {
        return link.await(link.commands().strings().get(key), what);
    }

    @Override
    public boolean set(String key, byte[] value, Duration ttl, boolean onlyIfAbsent, String what) {
        SetArgs args = onlyIfAbsent ? SetArgs.Builder.nx() : new SetArgs();
        args.px(Math.max(1, ttl.toMillis()));
        return "OK".equals(link.await(link.commands().strings().set(key, value, args), what));
    }

    @Override
    public byte[] hget(String key, String field, String what) {
        return link.await(link.commands().hashes().hget(key, field), what);
    }

    @Override
    public boolean hexists(String key, String field, String what) {
        return link.await(link.commands().hashes().hexists(key, field), what);
    }

    @Override
    public long eval(String script, String key, String what, byte[]... args) {
        Long result = link.await(link.commands().scripting().eval(script, ScriptOutputType.INTEGER,
                new String[] {key}, args), what);
        return result;
    }

    @Override
    public void connectNow() {
        try {
            link.commands();
        } catch (RedisException e) {
            LOG.warn("Redis quota store not connected yet, will connect on first use: {}", e.getMessage());
        } catch (RuntimeException e) {
            link.close(); // not Redis being away but a client that cannot work, e.g. one made without a URI
            throw e;
        }
    }

    @Override
    public void close() {
        link.close();
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
}
