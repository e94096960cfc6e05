package io.github.wechatquota.store.jdbc;

import java.util.List;
import java.util.regex.Pattern;

/** The names of the store's five tables under one prefix, and the DDL that creates them in each dialect. */
final class Tables {

    /** A lower-case SQL identifier, optionally schema-qualified; short enough for the derived names. */
    private static final Pattern PREFIX = Pattern.compile("([a-z_][a-z0-9_]{0,62}\\.)?[a-z_][a-z0-9_]{0,39}");

    final String prefix;
    final String bucket;
    final String clear;
    final String sync;
    final String lock;
    final String lease;

    private Tables(String prefix) {
        this.prefix = prefix;
        this.bucket = prefix + "_bucket";
        this.clear = prefix + "_clear";
        this.sync = prefix + "_sync";
        this.lock = prefix + "_lock";
        this.lease = prefix + "_lease";
    }

    /** The tables under {@code prefix}, which must be a plain lower-case identifier (or {@code schema.identifier}). */
    static Tables of(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("tablePrefix must be a lower-case SQL identifier of at most 40"
                    + " characters (letters, digits, '_'), optionally schema-qualified (e.g. wxq or quota.wxq), was '"
                    + prefix + "'");
        }
        return new Tables(prefix);
    }

    List<String> names() {
        return List.of(bucket, clear, sync, lock, lease);
    }

    /**
     * The statements creating the tables in {@code dialect}; each is idempotent ({@code IF NOT EXISTS}). Times are
     * epoch milliseconds of the store's clock. There is deliberately no index on {@code expires_at}: every bucket
     * command rewrites it, and without an index those updates stay cheap (on PostgreSQL, HOT: no index maintenance on
     * the hot path); the once-a-minute removal of a bounded batch scans instead.
     */
    List<String> statements(JdbcDialect dialect) {
        String options = dialect.tableOptions;
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + bucket + " (\n"
                        + "    id " + dialect.keyType + " NOT NULL PRIMARY KEY,\n"
                        + "    state " + dialect.blobType + ",\n"
                        + "    expires_at BIGINT\n"
                        + ")" + options,
                "CREATE TABLE IF NOT EXISTS " + clear + " (\n"
                        + "    app_id " + dialect.accountType + " NOT NULL,\n"
                        + "    month VARCHAR(7) NOT NULL,\n"
                        + "    used INT NOT NULL DEFAULT 0,\n"
                        + "    exhausted BOOLEAN NOT NULL DEFAULT FALSE,\n"
                        + "    last_cleared_at BIGINT NOT NULL DEFAULT 0,\n"
                        + "    PRIMARY KEY (app_id, month)\n"
                        + ")" + options,
                "CREATE TABLE IF NOT EXISTS " + sync + " (\n"
                        + "    " + dialect.syncKeyColumn + " " + dialect.keyType + " NOT NULL PRIMARY KEY,\n"
                        + "    at BIGINT,\n"
                        + "    daily_limit BIGINT,\n"
                        + "    used BIGINT,\n"
                        + "    remain BIGINT,\n"
                        + "    per_minute_limit BIGINT,\n"
                        + "    refresh_seconds BIGINT,\n"
                        + "    claimed_until BIGINT NOT NULL DEFAULT 0\n"
                        + ")" + options,
                "CREATE TABLE IF NOT EXISTS " + lock + " (\n"
                        + "    name " + dialect.accountType + " NOT NULL PRIMARY KEY,\n"
                        + "    token VARCHAR(36) NOT NULL,\n"
                        + "    expires_at BIGINT NOT NULL\n"
                        + ")" + options,
                "CREATE TABLE IF NOT EXISTS " + lease + " (\n"
                        + "    bucket_id " + dialect.keyType + " NOT NULL,\n"
                        + "    instance_id VARCHAR(36) NOT NULL,\n"
                        + "    lease_day BIGINT NOT NULL,\n"
                        + "    tokens BIGINT NOT NULL,\n"
                        + "    lapses_at BIGINT NOT NULL,\n"
                        + "    seq BIGINT NOT NULL,\n"
                        + "    PRIMARY KEY (bucket_id, instance_id)\n"
                        + ")" + options);
    }

    /** The statements as one script, each ending in {@code ;}. */
    String ddl(JdbcDialect dialect) {
        return String.join(";\n", statements(dialect)) + ";\n";
    }
}
