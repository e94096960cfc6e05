package io.github.wechatquota.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class CatalogEntryTest {

    @Test
    void builder_invalidCgiPath_isRejectedWithCgiPathMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CatalogEntry.builder(AccountType.OFFICIAL_ACCOUNT, "cgi-bin/menu/create"))
                .withMessageStartingWith("cgi_path 'cgi-bin/menu/create' must start with '/'");
    }

    @Test
    void perMinuteLimit_negative_isRejectedNamingTheLimitAndTheFix() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CatalogEntry.builder(AccountType.MINI_PROGRAM, "/wxa/msg_sec_check")
                        .perMinuteLimit(-5))
                .withMessage("perMinuteLimit of /wxa/msg_sec_check for mini-program is -5: use a count of 0 or more,"
                        + " or leave it unset when WeChat documents none");
    }

    @Test
    void builder_nullAccountType_isRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> CatalogEntry.builder(null, "/cgi-bin/token"))
                .withMessage("accountType");
    }

    @Test
    void dailyLimit_unset_readsAsEmpty() {
        CatalogEntry entry = CatalogEntry.builder(AccountType.OFFICIAL_ACCOUNT, "/cgi-bin/stable_token")
                .perMinuteLimit(10000).build();

        assertThat(entry.dailyLimit()).isEmpty();
        assertThat(entry.perMinuteLimit()).hasValue(10000);
        assertThat(entry.name()).isEmpty();
    }

    @Test
    void dailyLimit_zero_isAllowed() {
        CatalogEntry entry = CatalogEntry.builder(AccountType.OFFICIAL_ACCOUNT, "/cgi-bin/menu/create").dailyLimit(0)
                .build();

        assertThat(entry.dailyLimit()).hasValue(0);
    }
}
