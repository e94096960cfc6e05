package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.internal.StoredSyncRecords;
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
    private final JdbcSchema schema;
    private final Clock clock;
    private final Runnable afterRecord;

    /**
     * @param afterRecord run after each recorded sync (the store's opportunistic removal of expired buckets)
     */
    JdbcSyncLedger(Sql sql, JdbcSchema schema, Clock clock, Runnable afterRecord) {
        this.sql = sql;
        this.schema = schema;
        this.clock = clock;
        this.afterRecord = afterRecord;
    }

    /** The key's row, inserted with neither a result nor a claim unless it exists. */
    private void insertRow(String operation, Statements statements, String key) {
        sql.execute(operation, statements.syncInsert, statement -> {
            statement.setString(1, key);
            return statement.executeUpdate();
        });
    }

    /** Replaces the key's result, keeping its claim. */
    @Override
    public void record(String key, SyncRecord record) {
        Objects.requireNonNull(key, "key");
        String operation = "record the sync of '" + key + "'";
        Statements statements = schema.statements(operation);
        insertRow(operation, statements, key);
        sql.execute(operation, statements.syncRecord, statement -> {
            statement.setLong(1, record.at().toEpochMilli());
            statement.setLong(2, record.dailyLimit());
            statement.setLong(3, record.used());
            statement.setLong(4, record.remain());
            statement.setLong(5, StoredSyncRecords.stored(record.perMinuteLimit()));
            statement.setLong(6, StoredSyncRecords.stored(record.refreshSeconds()));
            statement.setString(7, key);
            return statement.executeUpdate();
        });
        afterRecord.run();
    }

    @Override
    public Optional<SyncRecord> last(String key) {
        Objects.requireNonNull(key, "key");
        String operation = "read the last sync of '" + key + "'";
        return sql.execute(operation, schema.statements(operation).syncLast, statement -> {
            statement.setString(1, key);
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(StoredSyncRecords.read(Instant.ofEpochMilli(rows.getLong(1)), rows.getLong(2),
                        rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6)));
            }
        });
    }

    /** One conditional update of {@code claimed_until} that succeeds only when there is no claim or it has expired. */
    @Override
    public boolean tryClaim(String key, Duration ttl) {
        Objects.requireNonNull(key, "key");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        String operation = "claim the sync of '" + key + "'";
        Statements statements = schema.statements(operation);
        insertRow(operation, statements, key);
        long now = clock.millis();
        return sql.execute(operation, statements.syncClaim, statement -> {
            statement.setLong(1, now + ttl.toMillis());
            statement.setString(2, key);
            statement.setLong(3, now);
            return statement.executeUpdate() == 1;
        });
    }
}
