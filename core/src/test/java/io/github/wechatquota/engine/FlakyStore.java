package io.github.wechatquota.engine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.wechatquota.store.ClearLedger;
import io.github.wechatquota.store.LeaseLedger;
import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncLedger;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shared store whose network can be cut, and whose keys can be lost, for the engine's failure paths. (Redis and
 * PostgreSQL themselves are stopped and emptied in their own tests; this one isolates the engine's reaction.)
 */
final class FlakyStore implements QuotaStore {

    private final LocalQuotaStore backend;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private volatile boolean down;
    final AtomicInteger attemptsWhileDown = new AtomicInteger();
    /** Operations on buckets that reached the store: each a round trip on a real one. */
    final AtomicInteger exchanges = new AtomicInteger();
    final InMemoryLeaseLedger ledger = new InMemoryLeaseLedger();

    FlakyStore(Clock clock) {
        this.backend = LocalQuotaStore.create(clock, 1000);
        this.clock = clock;
    }

    void cut() {
        down = true;
    }

    void restore() {
        down = false;
    }

    /** The key's state is gone: handles throw until it is created again. */
    void lose(String key) {
        lost.add(key);
        buckets.remove(key);
    }

    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        check();
        lost.remove(key);
        Bucket state = buckets.computeIfAbsent(key, k -> LocalQuotaStore.create(clock, 1)
                .bucket(k, configuration));
        return (Bucket) Proxy.newProxyInstance(Bucket.class.getClassLoader(), new Class<?>[] {Bucket.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(state, args);
                    }
                    check();
                    exchanges.incrementAndGet();
                    if (lost.contains(key) || buckets.get(key) != state) {
                        throw new BucketNotFoundException();
                    }
                    try {
                        return method.invoke(state, args);
                    } catch (InvocationTargetException e) {
                        throw e.getTargetException();
                    }
                });
    }

    private void check() {
        if (down) {
            attemptsWhileDown.incrementAndGet();
            throw new IllegalStateException("connection refused (the test cut the store)");
        }
    }

    /** Like a real store's, the ledgers are handed out freely and fail per operation while the store is cut. */
    @Override
    public ClearLedger clears() {
        return cutWithTheStore(ClearLedger.class, backend.clears());
    }

    @Override
    public SyncLedger syncs() {
        return cutWithTheStore(SyncLedger.class, backend.syncs());
    }

    @Override
    public Optional<LeaseLedger> leases() {
        return Optional.of(cutWithTheStore(LeaseLedger.class, ledger));
    }

    private <T> T cutWithTheStore(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() != Object.class) {
                check();
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        }));
    }
}
