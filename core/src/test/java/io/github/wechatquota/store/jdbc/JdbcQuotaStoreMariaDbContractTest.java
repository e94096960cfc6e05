package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.testing.MariaDbDatabase;
import io.github.wechatquota.testing.TestDatabase;

/** The store contract against the real MariaDB. */
class JdbcQuotaStoreMariaDbContractTest extends JdbcQuotaStoreContractTestBase {

    @Override
    protected TestDatabase createDatabase() {
        return MariaDbDatabase.create();
    }
}
