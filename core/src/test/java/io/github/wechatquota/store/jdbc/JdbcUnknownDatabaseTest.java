package io.github.wechatquota.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A DataSource on a database the store does not speak fails the build, naming the database and the way out. */
class JdbcUnknownDatabaseTest {

    private static <T> T stub(Class<T> type, java.util.function.Function<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(JdbcUnknownDatabaseTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answers.apply(method.getName())));
    }

    @Test
    void build_onADatabaseTheStoreDoesNotSpeak_failsNamingItAndTheDialectProperty() {
        DatabaseMetaData metaData = stub(DatabaseMetaData.class,
                method -> method.equals("getDatabaseProductName") ? "H2" : null);
        Connection connection = stub(Connection.class, method -> switch (method) {
            case "getMetaData" -> metaData;
            case "getAutoCommit" -> true;
            default -> null;
        });
        DataSource h2 = stub(DataSource.class, method -> method.equals("getConnection") ? connection : null);

        assertThatThrownBy(() -> JdbcQuotaStore.builder(h2).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("jdbc store: the DataSource's database is 'H2', which the store does not speak;"
                        + " it speaks PostgreSQL, MySQL 8 and MariaDB 10.11 or later")
                .hasMessageContaining("wechat.quota.store.jdbc.dialect");
    }
}
