package io.github.wechatquota.store.jdbc;

import java.util.Collections;

/**
 * Every statement the store runs, for one dialect and one set of tables. Each is written once: the few places where
 * the dialects differ come from {@link JdbcDialect}. Upserts are two statements everywhere, an insert that does
 * nothing when the row exists and then a conditional {@code UPDATE} whose {@code WHERE} holds the whole condition and
 * whose {@code SET} always changes the row, so that its update count means the same on every driver (MySQL drivers
 * may report found rather than changed rows).
 */
final class Statements {

    final Tables tables;

    final String bucketLock;
    final String bucketInsertEmpty;
    final String bucketUpdate;
    final String bucketExpired;

    final String clearInsert;
    final String clearUsed;
    final String clearReserve;
    final String clearMarkExhausted;
    final String clearExhausted;
    final String clearLast;
    final String clearRecord;

    final String lockInsertFree;
    final String lockTake;
    final String lockRelease;

    final String syncInsert;
    final String syncRecord;
    final String syncLast;
    final String syncClaim;

    final String leaseUpdate;
    final String leaseInsert;
    final String leaseRead;
    final String leaseDeleteLapsed;

    Statements(JdbcDialect dialect, Tables tables) {
        this.tables = tables;
        String bucket = tables.bucket;
        this.bucketLock = "SELECT state FROM " + bucket + " WHERE id = ? FOR UPDATE";
        this.bucketInsertEmpty = dialect.insertUnlessPresent(bucket, "id");
        this.bucketUpdate = "UPDATE " + bucket + " SET state = ?, expires_at = ? WHERE id = ?";
        this.bucketExpired = "SELECT id FROM " + bucket + " WHERE expires_at < ? LIMIT ?";

        String clear = tables.clear;
        String clearRow = " WHERE app_id = ? AND month = ?";
        this.clearInsert = dialect.insertUnlessPresent(clear, "app_id", "month");
        this.clearUsed = "SELECT used FROM " + clear + clearRow;
        this.clearReserve = "UPDATE " + clear + " SET used = used + 1" + clearRow + " AND used < ? AND exhausted = FALSE";
        this.clearMarkExhausted = "UPDATE " + clear + " SET exhausted = TRUE" + clearRow;
        this.clearExhausted = "SELECT exhausted FROM " + clear + clearRow;
        this.clearLast = "SELECT last_cleared_at FROM " + clear + clearRow;
        this.clearRecord = "UPDATE " + clear + " SET last_cleared_at = GREATEST(last_cleared_at, ?)" + clearRow;

        String lock = tables.lock;
        this.lockInsertFree = dialect.insertUnlessPresent(lock, "name", "token", "expires_at");
        this.lockTake = "UPDATE " + lock + " SET token = ?, expires_at = ? WHERE name = ? AND expires_at <= ?";
        this.lockRelease = "DELETE FROM " + lock + " WHERE name = ? AND token = ?";

        String sync = tables.sync;
        String key = dialect.syncKeyColumn;
        this.syncInsert = dialect.insertUnlessPresent(sync, key);
        this.syncRecord = "UPDATE " + sync + " SET at = ?, daily_limit = ?, used = ?, remain = ?, per_minute_limit = ?,"
                + " refresh_seconds = ? WHERE " + key + " = ?";
        this.syncLast = "SELECT at, daily_limit, used, remain, per_minute_limit, refresh_seconds FROM " + sync
                + " WHERE " + key + " = ? AND at IS NOT NULL";
        this.syncClaim = "UPDATE " + sync + " SET claimed_until = ? WHERE " + key + " = ? AND claimed_until <= ?";

        String lease = tables.lease;
        this.leaseUpdate = "UPDATE " + lease + " SET lease_day = ?, tokens = ?, lapses_at = ?, seq = seq + 1"
                + " WHERE bucket_id = ? AND instance_id = ?";
        this.leaseInsert = dialect.insertUnlessPresent(lease, "bucket_id", "instance_id", "lease_day", "tokens",
                "lapses_at", "seq");
        // The version (every write bumps one row's seq) and the day's unlapsed tokens, in one read.
        this.leaseRead = "SELECT COALESCE(SUM(seq), 0), COALESCE(SUM(CASE WHEN lease_day = ? AND lapses_at > ?"
                + " THEN tokens ELSE 0 END), 0) FROM " + lease + " WHERE bucket_id = ?";
        this.leaseDeleteLapsed = "DELETE FROM " + lease + " WHERE lapses_at < ?";
    }

    /**
     * Deletes the {@code count} rows named after the first parameter when they are still expired then: a row a bucket
     * command rewrote meanwhile stays. Only those rows are locked, each by its primary key.
     */
    String bucketDeleteExpired(int count) {
        return "DELETE FROM " + tables.bucket + " WHERE expires_at < ? AND id IN ("
                + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }
}
