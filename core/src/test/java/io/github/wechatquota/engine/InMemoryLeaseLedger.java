package io.github.wechatquota.engine;

import io.github.wechatquota.store.LeaseLedger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A lease ledger in memory, for a test's shared store: the same contract as Redis' hash and the JDBC table. */
final class InMemoryLeaseLedger implements LeaseLedger {

    private record Entry(long day, long tokens, Instant lapsesAt) {
    }

    private final Map<String, Map<String, Entry>> entries = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    /** Every operation: each a round trip on a real store. */
    final AtomicInteger operations = new AtomicInteger();

    @Override
    public synchronized void publish(String key, String owner, long epochDay, long tokens, Instant lapsesAt) {
        operations.incrementAndGet();
        entries.computeIfAbsent(key, k -> new HashMap<>()).put(owner, new Entry(epochDay, tokens, lapsesAt));
        versions.merge(key, 1L, Long::sum);
    }

    @Override
    public synchronized long version(String key) {
        operations.incrementAndGet();
        return versions.getOrDefault(key, 0L);
    }

    @Override
    public synchronized long outstanding(String key, long epochDay, Instant now, long version) {
        if (version(key) != version) {
            return -1;
        }
        return entries.getOrDefault(key, Map.of()).values().stream()
                .filter(entry -> entry.day() == epochDay && entry.lapsesAt().isAfter(now))
                .mapToLong(Entry::tokens).sum();
    }

    /** What {@code owner} has recorded on {@code key}, lapsed or not; 0 when nothing. */
    synchronized long recorded(String key, String owner) {
        Entry entry = entries.getOrDefault(key, Map.of()).get(owner);
        return entry == null ? 0 : entry.tokens();
    }
}
