package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.testing.MariaDbDatabase;
import io.github.wechatquota.testing.TestDatabase;

/** The jdbc store on the real MariaDB, each test in a database of its own. */
class JdbcQuotaStoreMariaDbTest extends JdbcQuotaStoreTestBase {

    @Override
    protected TestDatabase createDatabase() {
        return MariaDbDatabase.create();
    }

    @Override
    protected JdbcDialect dialect() {
        return JdbcDialect.MARIADB;
    }

    @Override
    protected String timeoutMessage() {
        return "max_statement_time";
    }
}
