package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.store.SyncLedger;
import io.github.wechatquota.store.SyncRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Sync results and sync claims in {@code <prefix>_sync}, one row per quota key. Times are epoch milliseconds ({@code at}
 * is kept to the millisecond); claims expire by the store's clock.
 */
final class JdbcSyncLedger implements SyncLedger {

    private final Sql sql;
    private final Clock clock;
    private final Runnable afterRecord;
    private final String recordSql;
    private final String lastSql;
    private final String claimSql;

    /**
     * @param afterRecord run after each recorded sync (the store's opportunistic removal of expired buckets)
     */
    JdbcSyncLedger(Sql sql, Tables tables, Clock clock, Runnable afterRecord) {
        this.sql = sql;
        this.clock = clock;
        this.afterRecord = afterRecord;
        String sync = tables.sync;
        this.recordSql = "INSERT INTO " + sync + " AS s (key, at, daily_limit, used, remain, per_minute_limit,"
                + " refresh_seconds) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET at = EXCLUDED.at,"
                + " daily_limit = EXCLUDED.daily_limit, used = EXCLUDED.used, remain = EXCLUDED.remain,"
                + " per_minute_limit = EXCLUDED.per_minute_limit, refresh_seconds = EXCLUDED.refresh_seconds";
        this.lastSql = "SELECT at, daily_limit, used, remain, per_minute_limit, refresh_seconds FROM " + sync
                + " WHERE key = ? AND at IS NOT NULL";
        this.claimSql = "INSERT INTO " + sync + " AS s (key, claimed_until) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET claimed_until = EXCLUDED.claimed_until"
                + " WHERE COALESCE(s.claimed_until, 0) <= ?";
    }

    /** Replaces the key's result, keeping its claim. */
    @Override
    public void record(String key, SyncRecord record) {
        Objects.requireNonNull(key, "key");
        sql.execute("record the sync of '" + key + "'", recordSql, statement -> {
            statement.setString(1, key);
            statement.setLong(2, record.at().toEpochMilli());
            statement.setLong(3, record.dailyLimit());
            statement.setLong(4, record.used());
            statement.setLong(5, record.remain());
            statement.setLong(6, record.perMinuteLimit());
            statement.setLong(7, record.refreshSeconds());
            return statement.executeUpdate();
        });
        afterRecord.run();
    }

    @Override
    public Optional<SyncRecord> last(String key) {
        Objects.requireNonNull(key, "key");
        return sql.execute("read the last sync of '" + key + "'", lastSql, statement -> {
            statement.setString(1, key);
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SyncRecord(Instant.ofEpochMilli(rows.getLong(1)), rows.getLong(2),
                        rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6)));
            }
        });
    }

    /** One upsert of {@code claimed_until} that succeeds only when there is no claim or it has expired. */
    @Override
    public boolean tryClaim(String key, Duration ttl) {
        Objects.requireNonNull(key, "key");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        long now = clock.millis();
        return sql.execute("claim the sync of '" + key + "'", claimSql, statement -> {
            statement.setString(1, key);
            statement.setLong(2, now + ttl.toMillis());
            statement.setLong(3, now);
            return statement.executeUpdate() == 1;
        });
    }
}
