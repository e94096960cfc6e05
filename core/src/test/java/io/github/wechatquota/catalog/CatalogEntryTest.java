package io.github.wechatquota.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class CatalogEntryTest {

    @Test
    void new_invalidCgiPath_isRejectedWithCgiPathMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CatalogEntry(AccountType.OFFICIAL_ACCOUNT, "cgi-bin/menu/create", 1000, -1, ""))
                .withMessageStartingWith("cgi_path 'cgi-bin/menu/create' must start with '/'");
    }

    @Test
    void new_limitBelowMinusOne_isRejectedNamingTheLimit() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CatalogEntry(AccountType.MINI_PROGRAM, "/wxa/msg_sec_check", -1, -5, ""))
                .withMessage("perMinuteLimit of /wxa/msg_sec_check for mini-program is -5: use a count of 0 or more,"
                        + " or -1 when there is no limit");
    }

    @Test
    void new_nullAccountType_isRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> new CatalogEntry(null, "/cgi-bin/token", 2000, -1, ""))
                .withMessage("accountType");
    }

    @Test
    void hasDailyLimit_minusOne_isFalse() {
        CatalogEntry entry = new CatalogEntry(AccountType.OFFICIAL_ACCOUNT, "/cgi-bin/stable_token", -1, 10000, "");

        assertThat(entry.hasDailyLimit()).isFalse();
        assertThat(entry.hasPerMinuteLimit()).isTrue();
    }

    @Test
    void new_zeroLimit_isAllowed() {
        CatalogEntry entry = new CatalogEntry(AccountType.OFFICIAL_ACCOUNT, "/cgi-bin/menu/create", 0, -1, "");

        assertThat(entry.dailyLimit()).isZero();
    }
}
