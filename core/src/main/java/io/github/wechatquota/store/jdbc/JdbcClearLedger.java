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
 * (month {@code *}) for the last clear time; clear locks in {@code <prefix>_lock}. Every change is one atomic statement (after an
 * insert, where the row may be missing, that changes nothing when it exists).
 * Accounts are stored as {@code <keyPrefix>:<appId>}; lock expiries are epoch milliseconds of the store's clock.
 */
final class JdbcClearLedger implements ClearLedger {

    /** The month of the row holding an account's last clear time. */
    static final String ACCOUNT_ROW = "*";

    private static final long FIRST_POLL_MILLIS = 10;
    private static final long MAX_POLL_MILLIS = 200;

    private final Sql sql;
    private final JdbcSchema schema;
    private final Clock clock;
    private final String keyPrefix;

    JdbcClearLedger(Sql sql, JdbcSchema schema, String keyPrefix, Clock clock) {
        this.sql = sql;
        this.schema = schema;
        this.clock = clock;
        this.keyPrefix = keyPrefix;
    }

    private String account(String appId) {
        return keyPrefix + ":" + Objects.requireNonNull(appId, "appId");
    }

    @Override
    public int used(String appId, YearMonth month) {
        String account = account(appId);
        String operation = "read the clear count of " + appId + " in " + month;
        return sql.execute(operation, schema.statements(operation).clearUsed, statement -> {
            statement.setString(1, account);
            statement.setString(2, month.toString());
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        });
    }

    /**
     * Makes sure the month's row exists, then adds one clear in one conditional statement: only while under the
     * maximum and not refused.
     */
    @Override
    public boolean tryReserve(String appId, YearMonth month, int maxPerMonth) {
        String account = account(appId);
        if (maxPerMonth < 1) {
            return false;
        }
        String operation = "reserve a clear of " + appId + " in " + month;
        Statements statements = schema.statements(operation);
        insertRow(operation, statements, account, month.toString());
        return sql.execute(operation, statements.clearReserve, statement -> {
            statement.setString(1, account);
            statement.setString(2, month.toString());
            statement.setInt(3, maxPerMonth);
            return statement.executeUpdate() == 1;
        });
    }

    /** The account's row for {@code month}, inserted with no clears unless it exists. */
    private void insertRow(String operation, Statements statements, String account, String month) {
        sql.execute(operation, statements.clearInsert, statement -> {
            statement.setString(1, account);
            statement.setString(2, month);
            return statement.executeUpdate();
        });
    }

    @Override
    public void markExhausted(String appId, YearMonth month) {
        String account = account(appId);
        String operation = "mark the clears of " + appId + " in " + month + " exhausted";
        Statements statements = schema.statements(operation);
        insertRow(operation, statements, account, month.toString());
        sql.execute(operation, statements.clearMarkExhausted, statement -> {
            statement.setString(1, account);
            statement.setString(2, month.toString());
            return statement.executeUpdate();
        });
    }

    @Override
    public boolean exhausted(String appId, YearMonth month) {
        String account = account(appId);
        String operation = "read whether the clears of " + appId + " in " + month + " are exhausted";
        return sql.execute(operation, schema.statements(operation).clearExhausted, statement -> {
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
        String operation = "read the last clear time of " + appId;
        return sql.execute(operation, schema.statements(operation).clearLast, statement -> {
            statement.setString(1, account);
            statement.setString(2, ACCOUNT_ROW);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        });
    }

    /** Keeps the later of the stored and the given time ({@code GREATEST}), so a late writer cannot move it back. */
    @Override
    public void recordCleared(String appId, long epochMillis) {
        String account = account(appId);
        String operation = "record a clear of " + appId;
        Statements statements = schema.statements(operation);
        insertRow(operation, statements, account, ACCOUNT_ROW);
        sql.execute(operation, statements.clearRecord, statement -> {
            statement.setLong(1, epochMillis);
            statement.setString(2, account);
            statement.setString(3, ACCOUNT_ROW);
            return statement.executeUpdate();
        });
    }

    /**
     * Takes the row in {@code <prefix>_lock} (inserted free unless present) with one conditional update that succeeds
     * only when its lease has expired (a free row's lease always has), polling (10 ms, doubling up to 200 ms) until {@code wait} has passed. Closing deletes the row only if
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
        String operation = "take the clear lock of " + appId;
        Statements statements = schema.statements(operation);
        sql.execute(operation, statements.lockInsertFree, statement -> {
            statement.setString(1, name);
            statement.setString(2, "");
            statement.setLong(3, 0L);
            return statement.executeUpdate();
        });
        long now = clock.millis();
        return sql.execute(operation, statements.lockTake, statement -> {
            statement.setString(1, token);
            statement.setLong(2, now + lease.toMillis());
            statement.setString(3, name);
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
            String operation = "release the clear lock of " + appId;
            sql.execute(operation, schema.statements(operation).lockRelease, statement -> {
                statement.setString(1, name);
                statement.setString(2, token);
                return statement.executeUpdate();
            });
        }
    }
}
