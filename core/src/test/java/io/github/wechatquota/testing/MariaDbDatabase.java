package io.github.wechatquota.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/** A database of its own on the shared MariaDB for one test: created on {@link #create()}, dropped on close. */
public final class MariaDbDatabase implements TestDatabase {

    private final String name;

    private MariaDbDatabase(String name) {
        this.name = name;
    }

    /** Skips the test (or fails it on CI) when MariaDB is not running. */
    public static MariaDbDatabase create() {
        ExternalServices.requireMariaDb();
        MariaDbDatabase database = new MariaDbDatabase("wxq_test_" + UUID.randomUUID().toString().replace("-", ""));
        database.admin("CREATE DATABASE " + database.name);
        return database;
    }

    @Override
    public String name() {
        return name;
    }

    /** The JDBC URL of this database, for Spring's {@code spring.datasource.url}. */
    public String url() {
        return url(ExternalServices.MARIADB_PORT) + name;
    }

    private static String url(int port) {
        return "jdbc:mariadb://" + ExternalServices.MARIADB_HOST + ":" + port + "/";
    }

    @Override
    public MariaDbDataSource dataSource() {
        return dataSource(url() + "?connectTimeout=5000");
    }

    private static MariaDbDataSource dataSource(String url) {
        try {
            MariaDbDataSource dataSource = new MariaDbDataSource(url);
            dataSource.setUser(ExternalServices.MARIADB_USER);
            dataSource.setPassword("");
            return dataSource;
        } catch (SQLException e) {
            throw new IllegalStateException("bad test URL " + url, e);
        }
    }

    @Override
    public int port() {
        return ExternalServices.MARIADB_PORT;
    }

    @Override
    public MariaDbDataSource throughPort(int port) {
        return dataSource(url(port) + name + "?connectTimeout=2000");
    }

    @Override
    public long tableCount() {
        return count("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?", name);
    }

    @Override
    public int execute(String sql, Object... parameters) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.execute() ? 0 : statement.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + sql, e);
        }
    }

    @Override
    public long count(String sql, Object... parameters) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + sql, e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(url(ExternalServices.MARIADB_PORT),
                ExternalServices.MARIADB_USER, "")) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name);
    }
}
