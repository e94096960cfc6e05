/**
 * The JDBC quota store: {@link io.github.wechatquota.store.jdbc.JdbcQuotaStore} on PostgreSQL, MySQL 8 or MariaDB
 * 10.11+ ({@link io.github.wechatquota.store.jdbc.JdbcDialect}), Bucket4j's select-for-update proxy manager for the
 * buckets and plain SQL for the clear ledger, clear locks and sync records, all in the application's database. Needs
 * only the database's JDBC driver on the class path.
 */
package io.github.wechatquota.store.jdbc;
