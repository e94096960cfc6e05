package io.github.wechatquota.benchmarks;

import static io.github.wechatquota.benchmarks.Fixtures.CALL_STUB;
import static io.github.wechatquota.benchmarks.Fixtures.NO_LIMIT_IN_SIGHT;
import static io.github.wechatquota.benchmarks.Fixtures.OK;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.store.jdbc.JdbcQuotaStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Measurement 2, PostgreSQL: permitted calls through the guard on the jdbc store (Bucket4j's
 * {@code SELECT ... FOR UPDATE} integration with its batching, as the store always uses it), on one hot key or spread
 * over 1,000 keys; beside Bucket4j's own PostgreSQL proxy without batching, and the physical limit: the same
 * transaction written by hand ({@code SELECT ... FOR UPDATE}, {@code UPDATE}, {@code COMMIT}) on one row per key.
 * PostgreSQL on 127.0.0.1:5432, database {@code test}; everything lives in a schema of the run's own, dropped after.
 * The transactions each call costs are counted as connections taken from the pool over the trial (each Bucket4j
 * command is one transaction on one connection; see {@link StoreCounts}).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public class PostgresStoreBenchmark {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";
    /** Connections in the pool: as many as the benchmark's threads, so none waits for one. */
    static final int POOL_SIZE = 16;

    /** {@code store}: the jdbc store (batched); {@code bucket4j-unbatched}: Bucket4j's proxy alone, no batching;
     *  {@code jdbc-transaction}: the store's transaction by hand, the floor for one call. */
    @Param({"store", "bucket4j-unbatched", "jdbc-transaction"})
    public String impl;

    @Param({"1", "1000"})
    public int keys;

    private final String schema = "wxq_bench_" + UUID.randomUUID().toString().substring(0, 8);
    private HikariDataSource dataSource;
    private QuotaGuard guard;
    private GuardedApi api;
    private String[] appIds;
    private Bucket[] buckets;
    private Fixtures.WeChatStub weChat;
    private final LongAdder calls = new LongAdder();
    private CountingDataSource counting;
    private long transactionsBefore;
    private BenchmarkParams params;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams benchmarkParams) throws SQLException {
        params = benchmarkParams;
        weChat = new Fixtures.WeChatStub(OK);
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL + "?currentSchema=" + schema);
        config.setUsername(USER);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setPoolName("bench");
        dataSource = new HikariDataSource(config);
        counting = new CountingDataSource(dataSource);
        appIds = new String[keys];
        for (int i = 0; i < keys; i++) {
            appIds[i] = Fixtures.benchAppId(i);
        }
        switch (impl) {
            case "store" -> {
                guard = Fixtures.quietGuard(keys)
                        .store(JdbcQuotaStore.builder(counting).createTables(true).build())
                        .build();
                api = guard.register(Fixtures.SEND_API);
                for (String appId : appIds) {
                    api.bind(appId);
                }
            }
            case "bucket4j-unbatched" -> {
                execute("CREATE TABLE raw_bucket (id VARCHAR PRIMARY KEY, state BYTEA)");
                PostgreSQLSelectForUpdateBasedProxyManager<String> proxies = Bucket4jPostgreSQL
                        .selectForUpdateBasedBuilder(counting)
                        .primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table("raw_bucket")
                        .idColumn("id")
                        .stateColumn("state")
                        .build();
                BucketConfiguration daily = BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(NO_LIMIT_IN_SIGHT)
                                .refillIntervally(NO_LIMIT_IN_SIGHT, Duration.ofDays(1)).build())
                        .build();
                buckets = new Bucket[keys];
                for (int i = 0; i < keys; i++) {
                    buckets[i] = proxies.builder().build(appIds[i] + ":" + Fixtures.SEND, () -> daily);
                    buckets[i].getAvailableTokens();
                }
            }
            case "jdbc-transaction" -> {
                execute("CREATE TABLE raw_row (id VARCHAR PRIMARY KEY, state BYTEA, expires_at BIGINT)");
                // A state the size of a daily bucket's.
                execute("INSERT INTO raw_row SELECT 'wxbench' || lpad(g::text, 10, '0'), "
                        + "decode(repeat('00', 72), 'hex'), 0 FROM generate_series(0, " + (keys - 1) + ") g");
            }
            default -> throw new IllegalArgumentException("impl " + impl);
        }
        transactionsBefore = counting.connections.sum();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("store", "postgres");
        line.put("impl", impl);
        line.put("keys", keys);
        line.put("mode", params.getMode().shortLabel());
        line.put("threads", params.getThreads());
        line.put("calls", calls.sum());
        line.put("transactionsPerCall", (double) (counting.connections.sum() - transactionsBefore) / calls.sum());
        StoreCounts.append(line);
        if (guard != null) {
            guard.close();
        }
        dataSource.close();
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** Which key each thread calls next: threads start at different keys and walk through them. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = ThreadLocalRandom.current().nextInt(1 << 20);
    }

    @Benchmark
    public Object call(Cursor cursor) throws Throwable {
        calls.increment();
        int key = keys == 1 ? 0 : (cursor.next++ & Integer.MAX_VALUE) % keys;
        if (guard != null) {
            return guard.call(api, appIds[key], weChat, CALL_STUB);
        }
        if (buckets != null) {
            if (!buckets[key].tryConsume(1)) {
                throw new IllegalStateException("limited");
            }
            return weChat.send();
        }
        return transaction(appIds[key]);
    }

    /** What one Bucket4j command does in PostgreSQL, by hand: lock the row, write it back, commit. */
    private Object transaction(String id) throws SQLException {
        try (Connection connection = counting.getConnection()) {
            connection.setAutoCommit(false);
            byte[] state;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state FROM raw_row WHERE id = ? FOR UPDATE")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    state = rows.getBytes(1);
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE raw_row SET state = ?, expires_at = ? WHERE id = ?")) {
                update.setBytes(1, state);
                update.setLong(2, System.currentTimeMillis());
                update.setString(3, id);
                update.executeUpdate();
            }
            connection.commit();
            return state;
        }
    }

    /** The pool, counting the connections taken: one per transaction. */
    static final class CountingDataSource implements DataSource {
        final LongAdder connections = new LongAdder();
        private final DataSource pool;

        CountingDataSource(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.increment();
            return pool.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            connections.increment();
            return pool.getConnection(username, password);
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return pool.isWrapperFor(type);
        }
    }
}
