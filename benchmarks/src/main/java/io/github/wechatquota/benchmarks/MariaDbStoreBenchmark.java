package io.github.wechatquota.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link JdbcStoreBenchmark} on MariaDB at 127.0.0.1:3306 (user root, no password), in a database of the run's own.
 * Bucket4j publishes no MySQL/MariaDB integration for Java 17 (the store brings its own), so there is no unbatched
 * Bucket4j row here: the transaction by hand is what one unbatched call costs.
 */
public class MariaDbStoreBenchmark extends JdbcStoreBenchmark {

    static final String URL = "jdbc:mariadb://127.0.0.1:3306/";
    static final String USER = "root";

    /** {@code store}: the jdbc store (batched); {@code jdbc-transaction}: the store's transaction by hand. */
    @Param({"store-leases", "store", "jdbc-transaction"})
    public String impl;

    @Override
    String impl() {
        return impl;
    }

    @Override
    String store() {
        return "mariadb";
    }

    @Override
    Connection admin() throws SQLException {
        return connect(URL, USER);
    }

    @Override
    String createNamespace() {
        return "CREATE DATABASE " + namespace;
    }

    @Override
    String dropNamespace() {
        return "DROP DATABASE " + namespace;
    }

    @Override
    void connectInto(HikariConfig config) {
        config.setJdbcUrl(URL + namespace);
        config.setUsername(USER);
    }

    @Override
    String rawRowTable() {
        return "CREATE TABLE raw_row (id VARCHAR(64) PRIMARY KEY, state BLOB, expires_at BIGINT) ENGINE=InnoDB";
    }
}
