package io.github.wechatquota.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class AccountTypeTest {

    @Test
    void fromId_eachId_returnsItsType() {
        for (AccountType type : AccountType.values()) {
            assertThat(AccountType.fromId(type.id())).isSameAs(type);
        }
    }

    @Test
    void id_isKebabCase() {
        assertThat(AccountType.THIRD_PARTY_PLATFORM.id()).isEqualTo("third-party-platform");
    }

    @Test
    void fromId_unknownId_listsAcceptedIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> AccountType.fromId("service-account"))
                .withMessage("Unknown account type 'service-account': use one of official-account, mini-program,"
                        + " test-account, third-party-platform");
    }

    @Test
    void fromId_enumConstantName_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> AccountType.fromId("OFFICIAL_ACCOUNT"))
                .withMessageContaining("use one of official-account");
    }

    @Test
    void fromId_null_isRejectedWithAcceptedIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> AccountType.fromId(null))
                .withMessageStartingWith("Unknown account type null: use one of");
    }
}
