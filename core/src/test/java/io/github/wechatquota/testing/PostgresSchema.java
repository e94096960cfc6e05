package io.github.wechatquota.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A schema of its own on the shared PostgreSQL for one test: created on {@link #create()}, dropped with everything in
 * it on {@link #close()}. Nothing outside it is touched.
 */
public final class PostgresSchema implements TestDatabase {

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    /** Skips the test (or fails it on CI) when PostgreSQL is not running. */
    public static PostgresSchema create() {
        ExternalServices.requirePostgres();
        PostgresSchema schema = new PostgresSchema("wxq_test_" + UUID.randomUUID().toString().replace("-", ""));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(ExternalServices.POSTGRES_URL);
        dataSource.setUser(ExternalServices.POSTGRES_USER);
        dataSource.setCurrentSchema(name);
        dataSource.setConnectTimeout(5);
        return dataSource;
    }

    @Override
    public int port() {
        return 5432;
    }

    @Override
    public PGSimpleDataSource throughPort(int port) {
        PGSimpleDataSource dataSource = dataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:" + port + "/test");
        dataSource.setConnectTimeout(2);
        return dataSource;
    }

    @Override
    public long tableCount() {
        return count("SELECT count(*) FROM pg_tables WHERE schemaname = ?", name);
    }

    @Override
    public int execute(String sql, Object... parameters) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.execute() ? 0 : statement.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + sql, e);
        }
    }

    /** The first column of the first row, or null. */
    Object queryValue(String sql, Object... parameters) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + sql, e);
        }
    }

    @Override
    public long count(String sql, Object... parameters) {
        return ((Number) queryValue(sql, parameters)).longValue();
    }

    @Override
    public void close() {
        PGSimpleDataSource admin = dataSource();
        admin.setCurrentSchema("public");
        try (Connection connection = admin.getConnection()) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test schema " + name, e);
        }
    }
}
