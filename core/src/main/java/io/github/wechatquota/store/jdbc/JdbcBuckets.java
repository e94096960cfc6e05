package io.github.wechatquota.store.jdbc;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncCommandExecutor;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.CommandExecutor;
import io.github.bucket4j.distributed.proxy.RecoveryStrategy;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.OptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.remote.CommandResult;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.distributed.remote.RemoteCommand;
import io.github.bucket4j.distributed.remote.Request;
import io.github.bucket4j.util.concurrent.batch.BatchHelper;
import io.github.wechatquota.QuotaStoreUnavailableException;
import io.github.wechatquota.store.LocalQuotaStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The buckets: one row per key, read and written under {@code SELECT ... FOR UPDATE} through Bucket4j's
 * select-for-update proxy manager, in any {@link JdbcDialect}; on the store's clock, with every statement bounded by
 * the query timeout and every failure surfacing as a {@link QuotaStoreUnavailableException} naming the key.
 */
final class JdbcBuckets extends AbstractSelectForUpdateBasedProxyManager<String> {

    /**
     * How long a row is kept once its bucket would be full again. A row written today holds until the refill at the
     * next midnight and a day beyond; a full bucket idle for a day goes, and its next use is a rebuild.
     */
    static final Duration KEEP_AFTER_REFILL = Duration.ofDays(1);

    private static final ExpirationAfterWriteStrategy EXPIRY =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL);

    /** Given to handles instead of a configuration: a handle never recreates a lost row with a full bucket. */
    private static final Supplier<BucketConfiguration> NO_RECONSTRUCTION = () -> {
        throw new BucketNotFoundException();
    };

    private final Optimization batching = new UnwrappedBatching();
    private final DataSource dataSource;
    private final JdbcSchema schema;
    private final Sql sql;
    private final Clock clock;

    private JdbcBuckets(ClientSideConfig config, DataSource dataSource, JdbcSchema schema, Sql sql, Clock clock) {
        super(config);
        this.dataSource = dataSource;
        this.schema = schema;
        this.sql = sql;
        this.clock = clock;
    }

    static JdbcBuckets create(DataSource dataSource, JdbcSchema schema, Sql sql, Clock clock, Duration queryTimeout) {
        TimeMeter timeMeter = LocalQuotaStore.timeMeter(clock);
        ClientSideConfig config = ClientSideConfig.getDefault()
                .withClientClock(timeMeter)
                .withRequestTimeout(queryTimeout);
        return new JdbcBuckets(config, dataSource, schema, sql, clock);
    }

    /**
     * The bucket under {@code key}: its row is created from {@code configuration} when absent (under the row lock, so
     * two instances creating it at once keep one state, and an existing row is never reset), and the handle returned
     * throws {@link BucketNotFoundException} should the row later disappear.
     */
    Bucket bucket(String key, BucketConfiguration configuration) {
        // Any command through a reconstructing proxy creates the state if, and only if, there is none.
        builder().build(key, () -> configuration).getAvailableTokens();
        return builder()
                .withRecoveryStrategy(RecoveryStrategy.THROW_BUCKET_NOT_FOUND_EXCEPTION)
                .withOptimization(batching)
                .build(key, NO_RECONSTRUCTION);
    }

    /**
     * Deletes at most {@code batchSize} rows expired by the store's clock; returns how many went. The candidates are
     * read without locks, then deleted by primary key if still expired, so that a removal never holds up a bucket
     * command for longer than one row's delete.
     */
    int removeExpired(int batchSize) {
        long now = clock.millis();
        Statements statements = schema.statements("remove expired buckets");
        List<String> expired = sql.execute("find expired buckets", statements.bucketExpired, statement -> {
            statement.setLong(1, now);
            statement.setInt(2, batchSize);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
        if (expired.isEmpty()) {
            return 0;
        }
        return sql.execute("remove expired buckets", statements.bucketDeleteExpired(expired.size()), statement -> {
            statement.setLong(1, now);
            for (int i = 0; i < expired.size(); i++) {
                statement.setString(i + 2, expired.get(i));
            }
            return statement.executeUpdate();
        });
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
        Statements statements = schema.settled();
        if (statements == null) { // not on the hot path: only until the database first answered
            statements = schema.statements("run a command on bucket '" + key + "'");
        }
        try {
            return new RowTransaction(dataSource.getConnection(), statements, key);
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }

    @Override
    public void removeProxy(String key) {
        throw new UnsupportedOperationException("the jdbc store does not remove buckets by key");
    }

    @Override
    public <T> CommandResult<T> execute(String key, Request<T> request) {
        try {
            return super.execute(key, request);
        } catch (BucketExceptions.BucketExecutionException e) {
            throw Sql.failure("run a command on bucket '" + key + "'", e);
        }
    }

    /**
     * One command on one row, on a connection of its own: lock the row ({@code SELECT ... FOR UPDATE}); when there is
     * none, insert an empty one and let Bucket4j start over; then write the new state with its {@code expires_at}.
     */
    private final class RowTransaction implements SelectForUpdateBasedTransaction {

        /** The SQL state of a deadlock or serialisation failure: on MySQL, two inserts of one new row may meet so. */
        private static final String TRANSACTION_ROLLED_BACK = "40001";

        private final Connection connection;
        private final Statements statements;
        private final String key;
        private boolean autoCommit = true;

        RowTransaction(Connection connection, Statements statements, String key) {
            this.connection = connection;
            this.statements = statements;
            this.key = key;
        }

        @Override
        public void begin(Optional<Long> timeoutNanos) {
            try {
                autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
            try (PreparedStatement select = connection.prepareStatement(statements.bucketLock)) {
                applyTimeout(select, timeoutNanos);
                select.setString(1, key);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? LockAndGetResult.locked(rows.getBytes(1)) : LockAndGetResult.notLocked();
                }
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
            try (PreparedStatement insert = connection.prepareStatement(statements.bucketInsertEmpty)) {
                applyTimeout(insert, timeoutNanos);
                insert.setString(1, key);
                return insert.executeUpdate() > 0;
            } catch (SQLException e) {
                if (TRANSACTION_ROLLED_BACK.equals(e.getSQLState())) {
                    return false;
                }
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public void update(byte[] data, RemoteBucketState state, Optional<Long> timeoutNanos) {
            try (PreparedStatement update = connection.prepareStatement(statements.bucketUpdate)) {
                applyTimeout(update, timeoutNanos);
                long now = currentTimeNanos();
                update.setBytes(1, data);
                update.setLong(2, TimeUnit.NANOSECONDS.toMillis(now) + EXPIRY.calculateTimeToLiveMillis(state, now));
                update.setString(3, key);
                update.executeUpdate();
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public void commit(Optional<Long> timeoutNanos) {
            try {
                connection.commit();
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public void rollback() {
            try {
                connection.rollback();
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public void release() {
            try (connection) {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }
    }

    /**
     * Bucket4j's batching: the concurrent commands of one handle go to the database as one transaction. Its failures
     * reach every caller of the batch wrapped in {@link BatchHelper.BatchFailedException}; they are unwrapped here, so
     * that a lost row still throws {@link BucketNotFoundException} and a dead database
     * {@link QuotaStoreUnavailableException}, each a fresh exception on the caller's own thread.
     */
    private static final class UnwrappedBatching implements Optimization {

        @Override
        public Optimization withListener(OptimizationListener listener) {
            return this;
        }

        @Override
        public CommandExecutor apply(CommandExecutor originalExecutor) {
            CommandExecutor batched = Optimizations.batching().apply(originalExecutor);
            return new CommandExecutor() {
                @Override
                public <T> CommandResult<T> execute(RemoteCommand<T> command) {
                    try {
                        return batched.execute(command);
                    } catch (BatchHelper.BatchFailedException e) {
                        throw unwrap(e);
                    }
                }
            };
        }

        @Override
        public AsyncCommandExecutor apply(AsyncCommandExecutor originalExecutor) {
            throw new UnsupportedOperationException("the jdbc store has no asynchronous buckets");
        }

        private static RuntimeException unwrap(BatchHelper.BatchFailedException failure) {
            Throwable cause = failure.getCause();
            while (cause instanceof BatchHelper.BatchFailedException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof BucketNotFoundException) {
                BucketNotFoundException fresh = new BucketNotFoundException();
                fresh.initCause(cause);
                return fresh;
            }
            if (cause instanceof QuotaStoreUnavailableException unavailable) {
                return new QuotaStoreUnavailableException(unavailable.getMessage(), unavailable);
            }
            if (cause instanceof RuntimeException runtime) {
                return runtime;
            }
            return failure;
        }
    }
}
