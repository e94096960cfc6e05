package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.QuotaStoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's footing in its database: the dialect (configured, or read from the driver) and the tables (created, or
 * checked). It is settled on the first connection that succeeds, at build when the database answers then, otherwise
 * on the first operation that reaches it; until then every operation fails as an unreachable database does.
 */
final class JdbcSchema {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSchema.class);

    private final DataSource dataSource;
    private final Tables tables;
    private final JdbcDialect configured;
    private final boolean createTables;
    private final int timeoutSeconds;
    private volatile Statements statements;

    /**
     * @param configured the dialect to use, or null to read it from the driver
     */
    JdbcSchema(DataSource dataSource, Tables tables, JdbcDialect configured, boolean createTables,
            int timeoutSeconds) {
        this.dataSource = dataSource;
        this.tables = tables;
        this.configured = configured;
        this.createTables = createTables;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Settles the schema now.
     *
     * @throws SQLException when the database cannot be reached
     * @throws IllegalStateException when the tables are missing and may not be created (the message holds the DDL),
     *     or the database is none the store speaks
     */
    synchronized void settle() throws SQLException {
        if (statements != null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            JdbcDialect dialect = configured != null ? configured : detect(connection);
            boolean autoCommit = connection.getAutoCommit();
            try {
                if (createTables) {
                    create(connection, dialect);
                } else {
                    check(connection, dialect);
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            statements = new Statements(dialect, tables);
            LOG.info("jdbc store: on {} ({}), tables {}_*", dialect, configured != null ? "configured"
                    : "read from the driver", tables.prefix);
        }
    }

    /** The statements once the schema is settled, else null; never touches the database. */
    Statements settled() {
        return statements;
    }

    /**
     * The statements, settling the schema first if it is not yet.
     *
     * @param operation what the caller is about to do, for the message should the database not answer
     * @throws QuotaStoreUnavailableException when the database cannot be reached, or its tables are missing
     */
    Statements statements(String operation) {
        Statements settled = statements;
        if (settled != null) {
            return settled;
        }
        try {
            settle();
        } catch (SQLException e) {
            throw Sql.failure(operation, e);
        } catch (IllegalStateException e) {
            throw new QuotaStoreUnavailableException(e.getMessage(), e);
        }
        return statements;
    }

    private static JdbcDialect detect(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return JdbcDialect.ofProductName(product).orElseThrow(() -> new UnsupportedDatabaseException("jdbc store: the"
                + " DataSource's database is '" + product + "', which the store does not speak; it speaks PostgreSQL,"
                + " MySQL 8 and MariaDB 10.11 or later. If the driver misnames one of those, set"
                + " wechat.quota.store.jdbc.dialect (JdbcQuotaStore.Builder.dialect(...) without Spring)."));
    }

    /**
     * Runs the DDL under a database lock in one transaction where the database has transactional DDL: some
     * databases' {@code IF NOT EXISTS} alone is not safe against two instances creating the same table at once.
     */
    private void create(Connection connection, JdbcDialect dialect) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.execute(dialect.createLock(tables.prefix, timeoutSeconds));
            try {
                for (String ddl : tables.statements(dialect)) {
                    statement.execute(ddl);
                }
                connection.commit();
            } finally {
                Optional<String> unlock = dialect.createUnlock(tables.prefix);
                if (unlock.isPresent()) {
                    statement.execute(unlock.get());
                }
            }
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** Reads each table (no rows) and fails naming those the database says are missing, with the DDL to run. */
    private void check(Connection connection, JdbcDialect dialect) throws SQLException {
        connection.setAutoCommit(true);
        List<String> missing = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            for (String table : tables.names()) {
                try {
                    statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
                } catch (SQLException e) {
                    if (!dialect.missingTableState.equals(e.getSQLState())) {
                        throw e;
                    }
                    missing.add(table);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("jdbc store: the table" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + (missing.size() == 1 ? " does" : " do")
                    + " not exist (looked up where the data source's connections look: PostgreSQL's search_path,"
                    + " MySQL's and MariaDB's current database). Create the tables with (" + dialect + "):\n\n"
                    + tables.ddl(dialect) + "\nor set wechat.quota.store.jdbc.create-tables=true"
                    + " (JdbcQuotaStore.Builder.createTables(true) without Spring) to let the store create them"
                    + " at start-up.");
        }
    }
}
