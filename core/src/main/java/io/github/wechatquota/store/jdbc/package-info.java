/**
 * The PostgreSQL quota store: {@link io.github.wechatquota.store.jdbc.JdbcQuotaStore}, Bucket4j's PostgreSQL
 * integration for the buckets and plain SQL for the clear ledger, clear locks and sync records, all in the
 * application's database. Needs {@code com.bucket4j:bucket4j_jdk17-postgresql} and a PostgreSQL JDBC driver on the
 * class path.
 */
package io.github.wechatquota.store.jdbc;
