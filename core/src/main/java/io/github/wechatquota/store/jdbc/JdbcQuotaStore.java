package io.github.wechatquota.store.jdbc;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.wechatquota.QuotaStoreUnavailableException;
import io.github.wechatquota.store.ClearLedger;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncLedger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The PostgreSQL store: quota state in four tables of the application's database, so that every instance (and every
 * service) using the same tables and key prefix draws from one count.
 *
 * <ul>
 *   <li>{@code <prefix>_bucket}: the buckets, through Bucket4j's PostgreSQL integration ({@code SELECT ... FOR UPDATE}
 *   on one row per key; concurrent commands of one handle are batched into one transaction). Each row carries an
 *   {@code expires_at}: the time its bucket would be full again, plus a day. Expired rows are deleted a bounded batch
 *   at a time, at most once a minute, when a sync result is recorded.</li>
 *   <li>{@code <prefix>_clear}: the monthly clear counts, the months WeChat refused a clear, and the last clear time
 *   of each account.</li>
 *   <li>{@code <prefix>_sync}: the last getApiQuota result of each quota, and which instance has claimed its next
 *   sync.</li>
 *   <li>{@code <prefix>_lock}: the clear locks.</li>
 * </ul>
 *
 * <p>Every time the store writes (bucket refills, row expiry, lock leases, sync claims) is read from the one
 * {@link Clock} it was built with, never from the database's {@code now()}: tests move that clock, and instances
 * sharing the tables are expected to keep their clocks in step (NTP) as the buckets' refills already require.
 *
 * <p>Each statement is bounded by the {@linkplain Builder#queryTimeout(Duration) query timeout}; obtaining a
 * connection is bounded by the {@link DataSource} itself (a pool's connection timeout, a driver's connect timeout), so
 * keep those short as well. Every failure surfaces as a {@link QuotaStoreUnavailableException} naming the store and the
 * operation; nothing is swallowed.
 *
 * <pre>{@code
 * QuotaStore store = JdbcQuotaStore.builder(dataSource)
 *         .createTables(true)
 *         .build();
 * }</pre>
 */
public final class JdbcQuotaStore implements QuotaStore {

    /** At most this many expired bucket rows are deleted by one removal. */
    static final int REMOVE_EXPIRED_BATCH = 500;

    /** Expired rows are looked for at most this often, unless the last removal found a full batch. */
    static final Duration REMOVE_EXPIRED_EVERY = Duration.ofMinutes(1);

    private final Tables tables;
    private final String keyPrefix;
    private final Clock clock;
    private final JdbcBuckets buckets;
    private final JdbcClearLedger clears;
    private final JdbcSyncLedger syncs;
    private final AtomicLong nextRemovalAt = new AtomicLong(Long.MIN_VALUE);

    private JdbcQuotaStore(Builder builder, Tables tables, Sql sql) {
        this.tables = tables;
        this.keyPrefix = builder.keyPrefix;
        this.clock = builder.clock;
        this.buckets = JdbcBuckets.create(builder.dataSource, sql, tables, builder.clock, builder.queryTimeout);
        this.clears = new JdbcClearLedger(sql, tables, builder.keyPrefix, builder.clock);
        this.syncs = new JdbcSyncLedger(sql, tables, builder.clock, this::removeExpiredOpportunistically);
    }

    /**
     * A builder of a store over {@code dataSource}, the application's connection pool to PostgreSQL. The store does
     * not own the data source: {@link #close()} leaves it open.
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * The DDL creating the store's four tables under {@code tablePrefix} ({@code <prefix>_bucket},
     * {@code <prefix>_clear}, {@code <prefix>_sync}, {@code <prefix>_lock}): for a migration tool, or for a DBA when
     * the application may not create tables. Every statement is idempotent ({@code CREATE TABLE IF NOT EXISTS}).
     *
     * @param tablePrefix a lower-case SQL identifier, optionally schema-qualified, e.g. {@code wxq} or
     *     {@code quota.wxq}
     */
    public static String ddl(String tablePrefix) {
        return Tables.of(tablePrefix).ddl();
    }

    /** {@code jdbc}. */
    @Override
    public String name() {
        return "jdbc";
    }

    /** The tables are shared by every instance that uses them. */
    @Override
    public boolean shared() {
        return true;
    }

    /**
     * The bucket stored under {@code key}. When there is no row (or an emptied one) its state is created from
     * {@code configuration}, under the row lock: of two instances creating it at once, one state wins and an existing
     * state is never reset. The handle is safe to keep and share between threads; should the row later disappear
     * (expired, deleted by hand) it throws Bucket4j's {@code BucketNotFoundException} instead of starting full.
     *
     * @throws QuotaStoreUnavailableException when the database cannot be reached or the statement times out
     */
    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(configuration, "configuration");
        return buckets.bucket(key, configuration);
    }

    /** Clear counts, refusals and last clear times in {@code <prefix>_clear}; clear locks in {@code <prefix>_lock}. */
    @Override
    public ClearLedger clears() {
        return clears;
    }

    /** Sync results and sync claims in {@code <prefix>_sync}. */
    @Override
    public SyncLedger syncs() {
        return syncs;
    }

    /** Nothing to release: connections are taken per statement from the application's data source. */
    @Override
    public void close() {
    }

    /**
     * Deletes expired bucket rows when a minute has passed since the last removal (or that removal filled its batch),
     * at most {@value #REMOVE_EXPIRED_BATCH} of them; one instance thread at a time does it.
     */
    private void removeExpiredOpportunistically() {
        long now = clock.millis();
        long due = nextRemovalAt.get();
        if (now < due || !nextRemovalAt.compareAndSet(due, now + REMOVE_EXPIRED_EVERY.toMillis())) {
            return;
        }
        if (removeExpired(REMOVE_EXPIRED_BATCH) == REMOVE_EXPIRED_BATCH) {
            nextRemovalAt.set(now);
        }
    }

    /** Deletes at most {@code batchSize} bucket rows expired by the store's clock; returns how many went. */
    int removeExpired(int batchSize) {
        return buckets.removeExpired(batchSize);
    }

    @Override
    public String toString() {
        return "JdbcQuotaStore[tables=" + tables.prefix + "_*, keyPrefix=" + keyPrefix + "]";
    }

    /**
     * Configures a {@link JdbcQuotaStore}. Defaults: tables {@code wxq_*} that must already exist, key prefix
     * {@code wxq}, the system clock, a 2 s query timeout.
     */
    public static final class Builder {

        private final DataSource dataSource;
        private String tablePrefix = "wxq";
        private boolean createTables;
        private Clock clock = Clock.systemUTC();
        private String keyPrefix = "wxq";
        private Duration queryTimeout = Duration.ofSeconds(2);

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * The prefix of the four table names ({@code <prefix>_bucket}, {@code _clear}, {@code _sync},
         * {@code _lock}): a lower-case SQL identifier of at most 40 characters, optionally schema-qualified
         * ({@code quota.wxq}). Default {@code wxq}.
         */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = Tables.of(tablePrefix).prefix;
            return this;
        }

        /**
         * Whether {@link #build()} creates missing tables (idempotently, serialised between instances starting at
         * once). Default {@code false}: then {@code build()} checks that they exist and otherwise fails with the DDL
         * to run.
         */
        public Builder createTables(boolean createTables) {
            this.createTables = createTables;
            return this;
        }

        /** The clock buckets refill by and leases, claims and row expiry are measured with; the engine's clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The prefix of the account rows in the clear and lock tables, so that several environments can share one set
         * of tables; services of one account must use the same one to share its clear budget. Bucket and sync keys
         * are used as given: the engine already prefixes them. Default {@code wxq}.
         */
        public Builder keyPrefix(String keyPrefix) {
            if (keyPrefix == null || keyPrefix.isBlank() || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("keyPrefix must be non-empty without whitespace, was '" + keyPrefix
                        + "'");
            }
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * The longest one statement may run (JDBC counts whole seconds: a fraction is rounded up), so that a slow or
         * locked database fails a call quickly instead of stalling it. Default 2 s.
         */
        public Builder queryTimeout(Duration queryTimeout) {
            Objects.requireNonNull(queryTimeout, "queryTimeout");
            if (queryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("queryTimeout must be at least 1s (JDBC counts whole seconds), was "
                        + queryTimeout);
            }
            this.queryTimeout = queryTimeout;
            return this;
        }

        /**
         * The store. Creates the tables when {@link #createTables(boolean)} allows it, and otherwise checks that they
         * exist.
         *
         * @throws IllegalStateException when tables are missing and may not be created; the message holds the DDL
         * @throws QuotaStoreUnavailableException when the database cannot be reached
         */
        public JdbcQuotaStore build() {
            Tables tables = Tables.of(tablePrefix);
            Sql sql = new Sql(dataSource, timeoutSeconds());
            if (createTables) {
                createTables(tables);
            } else {
                checkTables(sql, tables);
            }
            return new JdbcQuotaStore(this, tables, sql);
        }

        private int timeoutSeconds() {
            long seconds = queryTimeout.getSeconds() + (queryTimeout.getNano() > 0 ? 1 : 0);
            return (int) Math.min(Integer.MAX_VALUE, seconds);
        }

        /**
         * Runs the DDL in one transaction under an advisory lock: PostgreSQL's {@code IF NOT EXISTS} alone is not safe
         * against two instances creating the same table at once.
         */
        private void createTables(Tables tables) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(timeoutSeconds());
                    statement.execute("SELECT pg_advisory_xact_lock(" + ("wechat-quota:" + tables.prefix).hashCode()
                            + ")");
                    for (String ddl : tables.statements()) {
                        statement.execute(ddl);
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    try {
                        connection.rollback();
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                    }
                    throw e;
                }
                connection.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                throw Sql.failure("create the tables " + String.join(", ", tables.names()), e);
            }
        }

        private static void checkTables(Sql sql, Tables tables) {
            List<String> names = tables.names();
            List<String> missing = sql.execute("check that the tables " + String.join(", ", names) + " exist",
                    "SELECT to_regclass(?), to_regclass(?), to_regclass(?), to_regclass(?)", statement -> {
                        for (int i = 0; i < names.size(); i++) {
                            statement.setString(i + 1, names.get(i));
                        }
                        List<String> absent = new ArrayList<>();
                        try (var rows = statement.executeQuery()) {
                            rows.next();
                            for (int i = 0; i < names.size(); i++) {
                                if (rows.getString(i + 1) == null) {
                                    absent.add(names.get(i));
                                }
                            }
                        }
                        return absent;
                    });
            if (!missing.isEmpty()) {
                throw new IllegalStateException("jdbc store: the table" + (missing.size() == 1 ? " " : "s ")
                        + String.join(", ", missing) + (missing.size() == 1 ? " does" : " do")
                        + " not exist (looked up on the data source's search_path). Create the tables with:\n\n"
                        + tables.ddl() + "\nor set wechat.quota.store.jdbc.create-tables=true"
                        + " (JdbcQuotaStore.Builder.createTables(true) without Spring) to let the store create them"
                        + " at start-up.");
            }
        }
    }
}
