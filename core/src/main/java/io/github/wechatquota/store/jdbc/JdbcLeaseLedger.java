package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.store.LeaseLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Leases in {@code <prefix>_lease}, one row per quota and instance. The version of a quota is the sum of its rows'
 * {@code seq}, which every write bumps; rows lapsed a day ago are removed with the store's other expired rows (a
 * removal moves the version too, which only makes a reader look again).
 */
final class JdbcLeaseLedger implements LeaseLedger {

    /** Rows lapsed this long ago are of no use: their day is over. */
    static final Duration KEEP_LAPSED = Duration.ofHours(26);

    private final Sql sql;
    private final JdbcSchema schema;
    private final Clock clock;

    JdbcLeaseLedger(Sql sql, JdbcSchema schema, Clock clock) {
        this.sql = sql;
        this.schema = schema;
        this.clock = clock;
    }

    /** One {@code UPDATE} when the instance's row exists (every write but its first); else the row is inserted. */
    @Override
    public void publish(String key, String owner, long epochDay, long tokens, Instant lapsesAt) {
        Objects.requireNonNull(key, "key");
        String operation = "record a lease on '" + key + "'";
        Statements statements = schema.statements(operation);
        if (update(operation, statements, key, owner, epochDay, tokens, lapsesAt)) {
            return;
        }
        int inserted = sql.execute(operation, statements.leaseInsert, statement -> {
            statement.setString(1, key);
            statement.setString(2, owner);
            statement.setLong(3, epochDay);
            statement.setLong(4, tokens);
            statement.setLong(5, lapsesAt.toEpochMilli());
            statement.setLong(6, 1);
            return statement.executeUpdate();
        });
        if (inserted == 0) {
            update(operation, statements, key, owner, epochDay, tokens, lapsesAt); // inserted meanwhile: by us, earlier
        }
    }

    private boolean update(String operation, Statements statements, String key, String owner, long epochDay,
            long tokens, Instant lapsesAt) {
        return sql.execute(operation, statements.leaseUpdate, statement -> {
            statement.setLong(1, epochDay);
            statement.setLong(2, tokens);
            statement.setLong(3, lapsesAt.toEpochMilli());
            statement.setString(4, key);
            statement.setString(5, owner);
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public long version(String key) {
        return read(key, 0, Instant.EPOCH)[0];
    }

    @Override
    public long outstanding(String key, long epochDay, Instant now, long version) {
        long[] read = read(key, epochDay, now);
        return read[0] == version ? read[1] : -1;
    }

    /** The quota's version and its unlapsed tokens of {@code epochDay}. */
    private long[] read(String key, long epochDay, Instant now) {
        Objects.requireNonNull(key, "key");
        String operation = "read the leases on '" + key + "'";
        return sql.execute(operation, schema.statements(operation).leaseRead, statement -> {
            statement.setLong(1, epochDay);
            statement.setLong(2, now.toEpochMilli());
            statement.setString(3, key);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        });
    }

    /** Removes rows lapsed more than a day ago; returns how many went. */
    int removeLapsed() {
        String operation = "remove lapsed leases";
        return sql.execute(operation, schema.statements(operation).leaseDeleteLapsed, statement -> {
            statement.setLong(1, clock.millis() - KEEP_LAPSED.toMillis());
            return statement.executeUpdate();
        });
    }
}
