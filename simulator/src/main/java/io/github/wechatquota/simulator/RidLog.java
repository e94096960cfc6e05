package io.github.wechatquota.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The request ids ("rid") every error reply carries, kept seven days for getRidInfo. */
final class RidLog {

    record Entry(String rid, String appId, Instant at, String path, String requestBody, String responseBody) {
    }

    static final Duration RETENTION = Duration.ofDays(7);
    private static final int MAX_ENTRIES = 100_000;

    private final Map<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    static String newRid(Instant now) {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return hex.toHexDigits((int) now.getEpochSecond()) + "-" + hex.toHexDigits(random.nextInt()) + "-"
                + hex.toHexDigits(random.nextInt());
    }

    synchronized void record(Entry entry) {
        entries.put(entry.rid(), entry);
    }

    synchronized Optional<Entry> find(String rid, Instant now) {
        Entry entry = entries.get(rid);
        if (entry == null || entry.at().plus(RETENTION).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(entry);
    }
}
