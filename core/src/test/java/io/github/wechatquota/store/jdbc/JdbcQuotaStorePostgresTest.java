package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.testing.PostgresSchema;
import io.github.wechatquota.testing.TestDatabase;

/** The jdbc store on the real PostgreSQL, each test in a schema of its own. */
class JdbcQuotaStorePostgresTest extends JdbcQuotaStoreTestBase {

    @Override
    protected TestDatabase createDatabase() {
        return PostgresSchema.create();
    }

    @Override
    protected JdbcDialect dialect() {
        return JdbcDialect.POSTGRESQL;
    }

    @Override
    protected String timeoutMessage() {
        return "canceling statement";
    }
}
