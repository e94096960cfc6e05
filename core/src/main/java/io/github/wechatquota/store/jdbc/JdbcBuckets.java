package io.github.wechatquota.store.jdbc;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.AsyncCommandExecutor;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.CommandExecutor;
import io.github.bucket4j.distributed.proxy.RecoveryStrategy;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.OptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.remote.CommandResult;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.distributed.remote.RemoteCommand;
import io.github.bucket4j.distributed.remote.Request;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.github.bucket4j.util.concurrent.batch.BatchHelper;
import io.github.wechatquota.QuotaStoreUnavailableException;
import io.github.wechatquota.store.LocalQuotaStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The buckets: Bucket4j's PostgreSQL integration ({@code SELECT ... FOR UPDATE} on one row per key), on the store's
 * clock, with every statement bounded by the query timeout and every failure surfacing as a
 * {@link QuotaStoreUnavailableException} naming the key.
 */
final class JdbcBuckets extends PostgreSQLSelectForUpdateBasedProxyManager<String> {

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

    /**
     * {@code expires_at} as {@link ExpirationAfterWriteStrategy#basedOnTimeForRefillingBucketUpToMax(Duration)} would
     * write it, but on the store's clock (Bucket4j's own column uses the system clock), so that rows expire by the same
     * time the buckets refill by and {@link #removeExpired} deletes by.
     */
    private static final CustomColumnProvider<String> EXPIRES_AT = new CustomColumnProvider<>() {
        @Override
        public void setCustomField(String key, int paramIndex, PreparedStatement statement, RemoteBucketState state,
                long currentTimeNanos) throws SQLException {
            // currentTimeNanos is the client clock: the store's.
            long ttlMillis = EXPIRY.calculateTimeToLiveMillis(state, currentTimeNanos);
            statement.setLong(paramIndex, TimeUnit.NANOSECONDS.toMillis(currentTimeNanos) + ttlMillis);
        }

        @Override
        public String getCustomFieldName() {
            return "expires_at";
        }
    };

    private final Optimization batching = new UnwrappedBatching();
    private final Sql sql;
    private final Clock clock;
    private final String removeExpiredSql;

    private JdbcBuckets(Bucket4jPostgreSQL.PostgreSQLSelectForUpdateBasedProxyManagerBuilder<String> builder, Sql sql,
            Tables tables, Clock clock) {
        super(builder);
        this.sql = sql;
        this.clock = clock;
        // As Bucket4j's own removeExpired, but by the store's clock: rows locked by a command in flight are skipped.
        this.removeExpiredSql = "DELETE FROM " + tables.bucket + " WHERE expires_at < ? AND id IN (SELECT id FROM "
                + tables.bucket + " WHERE expires_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)";
    }

    static JdbcBuckets create(DataSource dataSource, Sql sql, Tables tables, Clock clock, Duration queryTimeout) {
        TimeMeter timeMeter = LocalQuotaStore.timeMeter(clock);
        return new JdbcBuckets(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(tables.bucket)
                .idColumn("id")
                .stateColumn("state")
                .addCustomColumn(EXPIRES_AT)
                .clientClock(timeMeter)
                .requestTimeout(queryTimeout), sql, tables, clock);
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

    /** Deletes at most {@code batchSize} rows expired by the store's clock; returns how many went. */
    @Override
    public int removeExpired(int batchSize) {
        long now = clock.millis();
        return sql.execute("remove expired buckets", removeExpiredSql, statement -> {
            statement.setLong(1, now);
            statement.setLong(2, now);
            statement.setInt(3, batchSize);
            return statement.executeUpdate();
        });
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
