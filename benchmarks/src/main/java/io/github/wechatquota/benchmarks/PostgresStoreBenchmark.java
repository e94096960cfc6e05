package io.github.wechatquota.benchmarks;

import static io.github.wechatquota.benchmarks.Fixtures.NO_LIMIT_IN_SIGHT;

import com.zaxxer.hikari.HikariConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link JdbcStoreBenchmark} on PostgreSQL at 127.0.0.1:5432, database {@code test}, in a schema of the run's own;
 * beside the store and the physical limit, Bucket4j's own PostgreSQL proxy without batching.
 */
public class PostgresStoreBenchmark extends JdbcStoreBenchmark {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    /** {@code store}: the jdbc store (batched); {@code bucket4j-unbatched}: Bucket4j's proxy alone, no batching;
     *  {@code jdbc-transaction}: the store's transaction by hand, the floor for one call. */
    @Param({"store-leases", "store", "bucket4j-unbatched", "jdbc-transaction"})
    public String impl;

    @Override
    String impl() {
        return impl;
    }

    @Override
    String store() {
        return "postgres";
    }

    @Override
    Connection admin() throws SQLException {
        return connect(URL, USER);
    }

    @Override
    String createNamespace() {
        return "CREATE SCHEMA " + namespace;
    }

    @Override
    String dropNamespace() {
        return "DROP SCHEMA " + namespace + " CASCADE";
    }

    @Override
    void connectInto(HikariConfig config) {
        config.setJdbcUrl(URL + "?currentSchema=" + namespace);
        config.setUsername(USER);
    }

    @Override
    String rawRowTable() {
        return "CREATE TABLE raw_row (id VARCHAR PRIMARY KEY, state BYTEA, expires_at BIGINT)";
    }

    /** {@code bucket4j-unbatched}: Bucket4j's {@code SELECT ... FOR UPDATE} proxy on a table of the same shape. */
    @Override
    Bucket[] otherBuckets(DataSource dataSource, String[] ids) throws SQLException {
        if (!impl.equals("bucket4j-unbatched")) {
            return super.otherBuckets(dataSource, ids);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE raw_bucket (id VARCHAR PRIMARY KEY, state BYTEA)");
        }
        PostgreSQLSelectForUpdateBasedProxyManager<String> proxies = Bucket4jPostgreSQL
                .selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("raw_bucket")
                .idColumn("id")
                .stateColumn("state")
                .build();
        BucketConfiguration daily = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(NO_LIMIT_IN_SIGHT)
                        .refillIntervally(NO_LIMIT_IN_SIGHT, Duration.ofDays(1)).build())
                .build();
        Bucket[] buckets = new Bucket[ids.length];
        for (int i = 0; i < ids.length; i++) {
            buckets[i] = proxies.builder().build(ids[i], () -> daily);
            buckets[i].getAvailableTokens(); // creates the row now, not during the measurement
        }
        return buckets;
    }
}
