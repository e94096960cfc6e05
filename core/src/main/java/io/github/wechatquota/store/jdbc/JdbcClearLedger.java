package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.store.ClearLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Clear counts and last clear times in {@code <prefix>_clear}, one row per account and month plus one per account
 * (month {@code *}) for the last clear time; clear locks in {@code <prefix>_lock}. Every change is one atomic statement.
 * Accounts are stored as {@code <keyPrefix>:<appId>}; lock expiries are epoch milliseconds of the store's clock.
 */
final class JdbcClearLedger implements ClearLedger {

    /** The month of the row holding an account's last clear time. */
    static final String ACCOUNT_ROW = "*";

    private static final long FIRST_POLL_MILLIS = 10;
    private static final long MAX_POLL_MILLIS = 200;

    private final Sql sql;
    private final Clock clock;
    private final String keyPrefix;
    private final String usedSql;
    private final String reserveSql;
    private final String markExhaustedSql;
    private final String exhaustedSql;
    private final String lastClearedSql;
    private final String recordClearedSql;
    private final String lockSql;
    private final String unlockSql;

    JdbcClearLedger(Sql sql, Tables tables, String keyPrefix, Clock clock) {
        this.sql = sql;
        this.clock = clock;
        this.keyPrefix = keyPrefix;
        String clear = tables.clear;
        this.usedSql = "SELECT used FROM " + clear + " WHERE app_id = ? AND month = ?";
        this.reserveSql = "INSERT INTO " + clear + " AS c (app_id, month, used) VALUES (?, ?, 1)"
                + " ON CONFLICT (app_id, month) DO UPDATE SET used = c.used + 1"
                + " WHERE c.used < ? AND NOT c.exhausted RETURNING c.used";
        this.markExhaustedSql = "INSERT INTO " + clear + " AS c (app_id, month, exhausted) VALUES (?, ?, TRUE)"
                + " ON CONFLICT (app_id, month) DO UPDATE SET exhausted = TRUE";
        this.exhaustedSql = "SELECT exhausted FROM " + clear + " WHERE app_id = ? AND month = ?";
        this.lastClearedSql = "SELECT last_cleared_at FROM " + clear + " WHERE app_id = ? AND month = '"
                + ACCOUNT_ROW + "'";
        this.recordClearedSql = "INSERT INTO " + clear + " AS c (app_id, month, last_cleared_at) VALUES (?, '"
                + ACCOUNT_ROW + "', ?) ON CONFLICT (app_id, month)"
                + " DO UPDATE SET last_cleared_at = GREATEST(c.last_cleared_at, EXCLUDED.last_cleared_at)";
        this.lockSql = "INSERT INTO " + tables.lock + " AS l (name, token, expires_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at"
                + " WHERE l.expires_at <= ?";
        this.unlockSql = "DELETE FROM " + tables.lock + " WHERE name = ? AND token = ?";
    }

    private String account(String appId) {
        return keyPrefix + ":" + Objects.requireNonNull(appId, "appId");
    }

    @Override
    public int used(String appId, YearMonth month) {
        String account = account(appId);
        return sql.execute("read the clear count of " + appId + " in " + month, usedSql, statement -> {
            statement.setString(1, account);
            statement.setString(2, month.toString());
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        });
    }

    /** One statement: inserts the month's row with one clear, or adds one while under the maximum and not refused. */
    @Override
    public boolean tryReserve(String appId, YearMonth month, int maxPerMonth) {
        String account = account(appId);
        if (maxPerMonth < 1) {
            return false;
        }
        return sql.execute("reserve a clear of " + appId + " in " + month, reserveSql, statement -> {
            statement.setString(1, account);
            statement.setString(2, month.toString());
            statement.setInt(3, maxPerMonth);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }

    @Override
    public void markExhausted(String appId, YearMonth month) {
        String account = account(appId);
        sql.execute("mark the clears of " + appId + " in " + month + " exhausted", markExhaustedSql, statement -> {
            statement.setString(1, account);
            statement.setString(2, month.toString());
            return statement.executeUpdate();
        });
    }

    @Override
    public boolean exhausted(String appId, YearMonth month) {
        String account = account(appId);
        return sql.execute("read whether the clears of " + appId + " in " + month + " are exhausted", exhaustedSql,
                statement -> {
                    statement.setString(1, account);
                    statement.setString(2, month.toString());
                    try (var rows = statement.executeQuery()) {
                        return rows.next() && rows.getBoolean(1);
                    }
                });
    }

    @Override
    public long lastClearedAt(String appId) {
        String account = account(appId);
        return sql.execute("read the last clear time of " + appId, lastClearedSql, statement -> {
            statement.setString(1, account);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        });
    }

    /** Keeps the later of the stored and the given time ({@code GREATEST}), so a late writer cannot move it back. */
    @Override
    public void recordCleared(String appId, long epochMillis) {
        String account = account(appId);
        sql.execute("record a clear of " + appId, recordClearedSql, statement -> {
            statement.setString(1, account);
            statement.setLong(2, epochMillis);
            return statement.executeUpdate();
        });
    }

    /**
     * Takes a row in {@code <prefix>_lock} with an upsert that succeeds only when the row is absent or its lease has
     * expired, polling (10 ms, doubling up to 200 ms) until {@code wait} has passed. Closing deletes the row only if
     * it still carries this holder's token, so a holder whose lease ran out cannot release its successor's lock.
     */
    @Override
    public Optional<AutoCloseable> lock(String appId, Duration lease, Duration wait) throws InterruptedException {
        String name = account(appId) + ":clear";
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative, was " + wait);
        }
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            if (tryLock(appId, name, token, lease)) {
                return Optional.of(new Held(appId, name, token));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Thread.sleep(Math.max(1, Math.min(pause, Duration.ofNanos(left).toMillis())));
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
    }

    private boolean tryLock(String appId, String name, String token, Duration lease) {
        long now = clock.millis();
        return sql.execute("take the clear lock of " + appId, lockSql, statement -> {
            statement.setString(1, name);
            statement.setString(2, token);
            statement.setLong(3, now + lease.toMillis());
            statement.setLong(4, now);
            return statement.executeUpdate() == 1;
        });
    }

    /** A held clear lock; closing it twice is harmless. */
    private final class Held implements AutoCloseable {
        private final String appId;
        private final String name;
        private final String token;

        Held(String appId, String name, String token) {
            this.appId = appId;
            this.name = name;
            this.token = token;
        }

        @Override
        public void close() {
            sql.execute("release the clear lock of " + appId, unlockSql, statement -> {
                statement.setString(1, name);
                statement.setString(2, token);
                return statement.executeUpdate();
            });
        }
    }
}
