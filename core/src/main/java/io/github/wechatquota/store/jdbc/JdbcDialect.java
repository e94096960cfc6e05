package io.github.wechatquota.store.jdbc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The databases the {@link JdbcQuotaStore} speaks. Their differences are data, all here: column types, the
 * insert-unless-present clause, how the sync table's {@code key} column is written, the lock serialising table
 * creation, and the SQL state of a missing table. Every statement is otherwise the same text on each.
 */
public enum JdbcDialect {

    /** PostgreSQL 12 or later. */
    POSTGRESQL("PostgreSQL", "org.postgresql:postgresql",
            "VARCHAR", "VARCHAR", "BYTEA", "", "key",
            " ON CONFLICT DO NOTHING",
            "SELECT pg_advisory_xact_lock(%2$d)", null,
            "42P01"),

    /** MySQL 8.0 or later, InnoDB. */
    MYSQL("MySQL", "com.mysql:mysql-connector-j",
            "VARCHAR(512)", "VARCHAR(255)", "BLOB", " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", "`key`",
            " ON DUPLICATE KEY UPDATE %1$s = %1$s",
            "SELECT GET_LOCK('%3$s', %4$d)", "SELECT RELEASE_LOCK('%3$s')",
            "42S02"),

    /** MariaDB 10.11 or later, InnoDB: the same SQL as MySQL. */
    MARIADB("MariaDB", "org.mariadb.jdbc:mariadb-java-client",
            MYSQL.keyType, MYSQL.accountType, MYSQL.blobType, MYSQL.tableOptions, MYSQL.syncKeyColumn,
            MYSQL.insertUnlessPresent,
            MYSQL.createLock, MYSQL.createUnlock,
            MYSQL.missingTableState);

    /** The product name its JDBC drivers report ({@code DatabaseMetaData.getDatabaseProductName()}). */
    private final String productName;
    private final String driver;
    final String keyType;
    final String accountType;
    final String blobType;
    final String tableOptions;
    final String syncKeyColumn;
    /** Appended to an {@code INSERT}: do nothing when the primary key exists. {@code %1$s}: the first column. */
    private final String insertUnlessPresent;
    /** {@code %2$d}: a numeric lock key; {@code %3$s}: the lock's name; {@code %4$d}: the wait in seconds. */
    private final String createLock;
    private final String createUnlock;
    final String missingTableState;

    JdbcDialect(String productName, String driver, String keyType, String accountType, String blobType,
            String tableOptions, String syncKeyColumn, String insertUnlessPresent, String createLock,
            String createUnlock, String missingTableState) {
        this.productName = productName;
        this.driver = driver;
        this.keyType = keyType;
        this.accountType = accountType;
        this.blobType = blobType;
        this.tableOptions = tableOptions;
        this.syncKeyColumn = syncKeyColumn;
        this.insertUnlessPresent = insertUnlessPresent;
        this.createLock = createLock;
        this.createUnlock = createUnlock;
        this.missingTableState = missingTableState;
    }

    /** The dialect of a database whose driver reports {@code productName}, if it is one of these. */
    public static Optional<JdbcDialect> ofProductName(String productName) {
        return Arrays.stream(values())
                .filter(dialect -> dialect.productName.equalsIgnoreCase(productName == null ? "" : productName.trim()))
                .findFirst();
    }

    /** The Maven coordinates of the JDBC driver, for messages. */
    public String driver() {
        return driver;
    }

    /** The name written in configuration: {@code postgresql}, {@code mysql} or {@code mariadb}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code INSERT INTO table (columns) VALUES (?, ...)} that does nothing when the row exists. */
    String insertUnlessPresent(String table, String... columns) {
        String placeholders = String.join(", ", java.util.Collections.nCopies(columns.length, "?"));
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders + ")"
                + String.format(Locale.ROOT, insertUnlessPresent, columns[0]);
    }

    /** The statement taking the lock that serialises table creation under {@code prefix}. */
    String createLock(String prefix, int waitSeconds) {
        String name = "wechat-quota:" + prefix;
        return String.format(Locale.ROOT, createLock, null, name.hashCode(), name, waitSeconds);
    }

    /** The statement releasing it, or empty when the transaction's end releases it. */
    Optional<String> createUnlock(String prefix) {
        return Optional.ofNullable(createUnlock)
                .map(unlock -> String.format(Locale.ROOT, unlock, null, 0, "wechat-quota:" + prefix, 0));
    }
}
