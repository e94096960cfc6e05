package io.github.wechatquota.benchmarks;

import static io.github.wechatquota.benchmarks.Fixtures.CALL_STUB;
import static io.github.wechatquota.benchmarks.Fixtures.OK;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.Bucket;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.store.jdbc.JdbcQuotaStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Measurement 2 on a database: permitted calls through the guard on the jdbc store (Bucket4j's
 * {@code SELECT ... FOR UPDATE} with its batching, as the store always uses it), on one hot key or spread over 1,000
 * keys; beside the physical limit, the same transaction written by hand ({@code SELECT ... FOR UPDATE}, {@code UPDATE},
 * {@code COMMIT}) on one row per key, through the same pool. Each database is a subclass; everything lives in a schema
 * (PostgreSQL) or database (MariaDB) of the run's own, dropped after. The transactions each call costs are counted as
 * connections taken from the pool over the trial (each Bucket4j command is one transaction on one connection; see
 * {@link StoreCounts}).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public abstract class JdbcStoreBenchmark {

    /** Connections in the pool: as many as the benchmark's threads, so none waits for one. */
    static final int POOL_SIZE = 16;

    /** How many (appid, cgi_path) keys the threads spread their calls over. */
    @Param({"1", "1000"})
    public int keys;

    /** The run's own schema or database. */
    final String namespace = "wxq_bench_" + UUID.randomUUID().toString().substring(0, 8);
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

    /** {@code store-leases}: the jdbc store as configured by default (leases, batching); {@code store}: leases off
     *  (batched); {@code jdbc-transaction}: the store's transaction by hand, the floor for one call; a subclass may
     *  have more. */
    abstract String impl();

    /** The store's name in {@code store-counts.jsonl}. */
    abstract String store();

    /** A connection to the database as its administrator, to create and drop the namespace. */
    abstract Connection admin() throws SQLException;

    abstract String createNamespace();

    abstract String dropNamespace();

    /** The pool's settings for a connection into the namespace. */
    abstract void connectInto(HikariConfig config);

    /** The by-hand transaction's table: {@code raw_row (id, state, expires_at)}, {@code id} a string key. */
    abstract String rawRowTable();

    /** The buckets of an implementation this base does not know, or an exception naming it. */
    Bucket[] otherBuckets(DataSource dataSource, String[] ids) throws SQLException {
        throw new IllegalArgumentException("impl " + impl() + " on " + store());
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams benchmarkParams) throws SQLException {
        params = benchmarkParams;
        weChat = new Fixtures.WeChatStub(OK);
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute(createNamespace());
        }
        HikariConfig config = new HikariConfig();
        connectInto(config);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setPoolName("bench");
        dataSource = new HikariDataSource(config);
        counting = new CountingDataSource(dataSource);
        appIds = new String[keys];
        for (int i = 0; i < keys; i++) {
            appIds[i] = Fixtures.benchAppId(i);
        }
        switch (impl()) {
            case "store", "store-leases" -> {
                guard = Fixtures.storeGuard(keys)
                        .storeLeases(impl().equals("store-leases"))
                        .store(JdbcQuotaStore.builder(counting).createTables(true)
                                .queryTimeout(Fixtures.STORE_TIMEOUT).build())
                        .build();
                api = guard.register(Fixtures.SEND_API);
                for (String appId : appIds) {
                    api.bind(appId);
                }
            }
            case "jdbc-transaction" -> rawRows();
            default -> {
                String[] ids = new String[keys];
                for (int i = 0; i < keys; i++) {
                    ids[i] = appIds[i] + ":" + Fixtures.SEND;
                }
                buckets = otherBuckets(counting, ids);
            }
        }
        transactionsBefore = counting.connections.sum();
    }

    /** One row per key, with a state the size of a daily bucket's. */
    private void rawRows() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(rawRowTable());
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO raw_row (id, state, expires_at) VALUES (?, ?, 0)")) {
                for (String appId : appIds) {
                    insert.setString(1, appId);
                    insert.setBytes(2, new byte[72]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("store", store());
        line.put("impl", impl());
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
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute(dropNamespace());
        }
    }

    static Connection connect(String url, String user) throws SQLException {
        return DriverManager.getConnection(url, user, "");
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

    /** What one Bucket4j command does in the database, by hand: lock the row, write it back, commit. */
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
                update.setLong(2, System.nanoTime()); // changes every time: the row is really written
                update.setString(3, id);
                update.executeUpdate();
            }
            connection.commit();
            return state;
        }
    }
}
