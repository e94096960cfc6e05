package io.github.wechatquota.catalog;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kinds of WeChat account; each has its own table of documented limits (a test account gets a tenth or less of an
 * official account's).
 *
 * <p>The one definition: the simulator's {@code AccountType} is copied from this file by its build.
 */
public enum AccountType {

    /** An official account (service or subscription account). */
    OFFICIAL_ACCOUNT("official-account"),
    /** A mini program. */
    MINI_PROGRAM("mini-program"),
    /** An official-account test account from the sandbox. */
    TEST_ACCOUNT("test-account"),
    /** A third-party platform calling with its component token. */
    THIRD_PARTY_PLATFORM("third-party-platform");

    private final String id;

    AccountType(String id) {
        this.id = id;
    }

    /**
     * The kebab-case id used in the catalog, the {@code account-type} property and the simulator's command line, e.g.
     * {@code official-account}.
     */
    public String id() {
        return id;
    }

    /**
     * The account type with this kebab-case id, e.g. {@code mini-program}.
     *
     * @throws IllegalArgumentException naming the accepted ids when {@code id} is none of them (or {@code null})
     */
    public static AccountType fromId(String id) {
        for (AccountType type : values()) {
            if (type.id.equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown account type " + (id == null ? "null" : "'" + id + "'")
                + ": use one of " + Arrays.stream(values()).map(AccountType::id).collect(Collectors.joining(", ")));
    }
}
