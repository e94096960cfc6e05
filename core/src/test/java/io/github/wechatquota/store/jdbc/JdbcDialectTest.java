package io.github.wechatquota.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which dialect a driver's product name means, and the DDL each gets. */
class JdbcDialectTest {

    @Test
    void ofProductName_knowsTheThreeDatabases_andNothingElse() {
        assertThat(JdbcDialect.ofProductName("PostgreSQL")).contains(JdbcDialect.POSTGRESQL);
        assertThat(JdbcDialect.ofProductName("MySQL")).contains(JdbcDialect.MYSQL);
        assertThat(JdbcDialect.ofProductName("MariaDB")).contains(JdbcDialect.MARIADB);
        assertThat(JdbcDialect.ofProductName("H2")).isEmpty();
        assertThat(JdbcDialect.ofProductName(null)).isEmpty();
    }

    @Test
    void ddl_onMySqlAndMariaDb_comparesKeysByteForByte_andQuotesTheReservedKeyColumn() {
        String ddl = JdbcQuotaStore.ddl(JdbcDialect.MARIADB, "wxq");

        assertThat(ddl).isEqualTo(JdbcQuotaStore.ddl(JdbcDialect.MYSQL, "wxq"))
                .contains("COLLATE=utf8mb4_bin")
                .contains("`key` VARCHAR(512) NOT NULL PRIMARY KEY");
        assertThat(JdbcQuotaStore.ddl("wxq")).isEqualTo(JdbcQuotaStore.ddl(JdbcDialect.POSTGRESQL, "wxq"))
                .contains("state BYTEA")
                .doesNotContain("`");
    }

    @Test
    void toString_isTheConfiguredName() {
        assertThat(JdbcDialect.MARIADB).hasToString("mariadb");
    }
}
