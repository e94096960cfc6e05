package io.github.wechatquota.store.jdbc;

/**
 * The {@code DataSource} leads to a database the jdbc store does not speak (it speaks PostgreSQL, MySQL 8 and MariaDB
 * 10.11 or later), and no dialect was set.
 */
public final class UnsupportedDatabaseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    UnsupportedDatabaseException(String message) {
        super(message);
    }
}
