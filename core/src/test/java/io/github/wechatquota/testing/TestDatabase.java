package io.github.wechatquota.testing;

import java.io.IOException;
import javax.sql.DataSource;

/**
 * A database (PostgreSQL schema, MariaDB database) of its own for one test on a shared server: created before the test,
 * dropped with everything in it by {@link #close()}. Nothing outside it is touched.
 */
public interface TestDatabase extends AutoCloseable {

    /** The schema's (PostgreSQL) or database's (MariaDB) name: a table prefix {@code name + ".q"} lands in it. */
    String name();

    /** A new data source whose connections work in it. */
    DataSource dataSource();

    /** A data source of the same kind on a port nothing listens on. */
    default DataSource closedPort() throws IOException {
        return throughPort(RedisServerProcess.freePort());
    }

    /** The database's own port, on 127.0.0.1. */
    int port();

    /** A data source for this database that connects through {@code port} instead (a forwarder, say). */
    DataSource throughPort(int port);

    /** How many tables it holds. */
    long tableCount();

    /** Runs a statement in it; returns the update count. */
    int execute(String sql, Object... parameters);

    /** The first column of the first row, as a number. */
    long count(String sql, Object... parameters);

    @Override
    void close();
}
