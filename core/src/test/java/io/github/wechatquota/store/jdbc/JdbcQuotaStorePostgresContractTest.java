package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.testing.PostgresSchema;
import io.github.wechatquota.testing.TestDatabase;

/** The store contract against the real PostgreSQL. */
class JdbcQuotaStorePostgresContractTest extends JdbcQuotaStoreContractTestBase {

    @Override
    protected TestDatabase createDatabase() {
        return PostgresSchema.create();
    }
}
