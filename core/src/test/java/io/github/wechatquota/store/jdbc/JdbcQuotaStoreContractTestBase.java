package io.github.wechatquota.store.jdbc;

import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.store.QuotaStoreContract;
import io.github.wechatquota.testing.TestDatabase;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store contract against a real database; each subclass names one, each test in a schema of its own. */
abstract class JdbcQuotaStoreContractTestBase extends QuotaStoreContract {

    private final String prefix = "contract-" + UUID.randomUUID();
    private TestDatabase schema;

    /** A new schema or database of this test's own. */
    protected abstract TestDatabase createDatabase();

    @BeforeEach
    void createSchema() {
        schema = createDatabase();
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    /** Another instance: a new store over a new data source, on the same schema, tables and key prefix. */
    @Override
    protected QuotaStore newStore(Clock clock) {
        return JdbcQuotaStore.builder(schema.dataSource()).createTables(true).clock(clock).build();
    }

    @Override
    protected String key(String name) {
        return prefix + ":" + name;
    }

    @Override
    protected boolean loseState(String key) {
        return schema.execute("DELETE FROM wxq_bucket WHERE id = ?", key) == 1;
    }

    @Override
    protected boolean sharesAcrossInstances() {
        return true;
    }
}
