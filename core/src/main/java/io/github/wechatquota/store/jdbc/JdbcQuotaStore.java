package io.github.wechatquota.store.jdbc;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.wechatquota.QuotaStoreUnavailableException;
import io.github.wechatquota.internal.KeyPrefix;
import io.github.wechatquota.store.ClearLedger;
import io.github.wechatquota.store.LeaseLedger;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.SyncLedger;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC store: quota state in five tables of the application's database (PostgreSQL, MySQL 8 or MariaDB 10.11+;
 * see {@link JdbcDialect}), so that every instance (and every service) using the same tables and key prefix draws from
 * one count.
 *
 * <ul>
 *   <li>{@code <prefix>_bucket}: the buckets, through Bucket4j's select-for-update proxy manager
 *   ({@code SELECT ... FOR UPDATE} on one row per key; concurrent commands of one handle are batched into one
 *   transaction). Each row carries an
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
 * <p>A database that cannot be reached at {@link Builder#build()} does not stop the build: the store logs a warning,
 * and detects the dialect and checks (or creates) the tables on the first operation that reaches the database; each
 * operation before that fails with {@link QuotaStoreUnavailableException}, as during any outage.
 *
 * <pre>{@code
 * QuotaStore store = JdbcQuotaStore.builder(dataSource)
 *         .createTables(true)
 *         .build();
 * }</pre>
 */
public final class JdbcQuotaStore implements QuotaStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcQuotaStore.class);

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
    private final JdbcLeaseLedger leases;
    private final AtomicLong nextRemovalAt = new AtomicLong(Long.MIN_VALUE);

    private JdbcQuotaStore(Builder builder, Tables tables, JdbcSchema schema, Sql sql) {
        this.tables = tables;
        this.keyPrefix = builder.keyPrefix;
        this.clock = builder.clock;
        this.buckets = JdbcBuckets.create(builder.dataSource, schema, sql, builder.clock, builder.queryTimeout);
        this.clears = new JdbcClearLedger(sql, schema, builder.keyPrefix, builder.clock);
        this.syncs = new JdbcSyncLedger(sql, schema, builder.clock, this::removeExpiredOpportunistically);
        this.leases = new JdbcLeaseLedger(sql, schema, builder.clock);
    }

    /**
     * A builder of a store over {@code dataSource}, the application's connection pool to PostgreSQL, MySQL or MariaDB.
     * The store does not own the data source: {@link #close()} leaves it open.
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * The PostgreSQL DDL creating the store's five tables under {@code tablePrefix}: {@link #ddl(JdbcDialect, String)}
     * for {@link JdbcDialect#POSTGRESQL}.
     */
    public static String ddl(String tablePrefix) {
        return ddl(JdbcDialect.POSTGRESQL, tablePrefix);
    }

    /**
     * The DDL creating the store's five tables under {@code tablePrefix} ({@code <prefix>_bucket},
     * {@code <prefix>_clear}, {@code <prefix>_sync}, {@code <prefix>_lock}, {@code <prefix>_lease}) in {@code dialect}: for a migration tool,
     * or for a DBA when the application may not create tables. Every statement is idempotent
     * ({@code CREATE TABLE IF NOT EXISTS}).
     *
     * @param tablePrefix a lower-case SQL identifier, optionally schema-qualified, e.g. {@code wxq} or
     *     {@code quota.wxq}
     */
    public static String ddl(JdbcDialect dialect, String tablePrefix) {
        return Tables.of(tablePrefix).ddl(Objects.requireNonNull(dialect, "dialect"));
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
    /** Leases in {@code <prefix>_lease}, a row per quota and instance. */
    @Override
    public Optional<LeaseLedger> leases() {
        return Optional.of(leases);
    }

    private void removeExpiredOpportunistically() {
        long now = clock.millis();
        long due = nextRemovalAt.get();
        if (now < due || !nextRemovalAt.compareAndSet(due, now + REMOVE_EXPIRED_EVERY.toMillis())) {
            return;
        }
        if (removeExpired(REMOVE_EXPIRED_BATCH) == REMOVE_EXPIRED_BATCH) {
            nextRemovalAt.set(now);
        }
        leases.removeLapsed();
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
     * Configures a {@link JdbcQuotaStore}. Defaults: the dialect the driver reports, tables {@code wxq_*} that must
     * already exist, key prefix {@code wxq}, the system clock, a 2 s query timeout.
     */
    public static final class Builder {

        private final DataSource dataSource;
        private JdbcDialect dialect;
        private String tablePrefix = "wxq";
        private boolean createTables;
        private Clock clock = Clock.systemUTC();
        private String keyPrefix = "wxq";
        private Duration queryTimeout = Duration.ofSeconds(2);

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * The database's dialect, when the driver's product name should not decide it (a MySQL driver connected to
         * MariaDB reports MySQL, which is fine: they share their SQL). Default: the product name the driver reports,
         * read on the first connection.
         */
        public Builder dialect(JdbcDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * The prefix of the five table names ({@code <prefix>_bucket}, {@code _clear}, {@code _sync},
         * {@code _lock}, {@code _lease}): a lower-case SQL identifier of at most 40 characters, optionally schema-qualified
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
            this.keyPrefix = KeyPrefix.requireValid("keyPrefix", keyPrefix);
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
         * The store. Detects the dialect unless it was given, and creates the tables when
         * {@link #createTables(boolean)} allows it, or else checks that they exist. When the database cannot be reached
         * now, the store is built anyway and does this on the first operation that reaches it (a warning says so).
         *
         * @throws IllegalStateException when tables are missing and may not be created (the message holds the DDL),
         *     or the database is none the store speaks
         */
        public JdbcQuotaStore build() {
            Tables tables = Tables.of(tablePrefix);
            int timeoutSeconds = timeoutSeconds();
            JdbcSchema schema = new JdbcSchema(dataSource, tables, dialect, createTables, timeoutSeconds);
            try {
                schema.settle();
            } catch (SQLException unreachable) {
                LOG.warn("jdbc store: the database cannot be reached now ({}); the store starts anyway and {} the"
                        + " tables {}_* on the first operation that reaches it. Until then every operation fails with"
                        + " QuotaStoreUnavailableException, handled as wechat.quota.store.on-failure says.",
                        Sql.describe(unreachable), createTables ? "creates" : "checks", tables.prefix);
            }
            return new JdbcQuotaStore(this, tables, schema, new Sql(dataSource, timeoutSeconds));
        }

        private int timeoutSeconds() {
            long seconds = queryTimeout.getSeconds() + (queryTimeout.getNano() > 0 ? 1 : 0);
            return (int) Math.min(Integer.MAX_VALUE, seconds);
        }
    }
}
