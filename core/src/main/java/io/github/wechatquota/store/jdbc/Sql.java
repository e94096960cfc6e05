package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.QuotaStoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs one statement on a connection of its own, bounded by the query timeout, and turns every {@link SQLException}
 * into a {@link QuotaStoreUnavailableException} naming the store and the operation. Nothing is swallowed.
 */
final class Sql {

    /** What a statement does with its prepared statement. */
    @FunctionalInterface
    interface Body<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;

    Sql(DataSource dataSource, int queryTimeoutSeconds) {
        this.dataSource = dataSource;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /**
     * Prepares {@code sql}, lets {@code body} bind and execute it, and commits when the connection is not in
     * auto-commit mode (a pool may hand such connections out).
     *
     * @param operation what the statement does, for the message should it fail, e.g. "reserve a clear of wx01 in 2026-11"
     */
    <T> T execute(String operation, String sql, Body<T> body) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(queryTimeoutSeconds);
                T result = body.run(statement);
                if (!autoCommit) {
                    connection.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (!autoCommit) {
                    rollbackQuietly(connection, e);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            failure.addSuppressed(rollback);
        }
    }

    /** The exception every failed statement of the store surfaces as. */
    static QuotaStoreUnavailableException failure(String operation, Throwable cause) {
        return new QuotaStoreUnavailableException("jdbc store: could not " + operation + ": " + describe(cause), cause);
    }

    /**
     * What went wrong, for an operator: the driver's message (with its SQL state) when there is one in the chain,
     * otherwise the innermost cause's.
     */
    static String describe(Throwable failure) {
        Throwable shown = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                shown = t;
                break;
            }
            shown = t;
        }
        String message = shown.getMessage() == null ? shown.getClass().getName() : shown.getMessage();
        if (shown instanceof SQLException sql && sql.getSQLState() != null) {
            return message + " (SQL state " + sql.getSQLState() + ")";
        }
        return message;
    }
}
