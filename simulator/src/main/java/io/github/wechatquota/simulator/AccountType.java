package io.github.wechatquota.simulator;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of WeChat account the simulator knows; each has its own table of default limits. */
public enum AccountType {
    OFFICIAL_ACCOUNT("official-account"),
    MINI_PROGRAM("mini-program"),
    TEST_ACCOUNT("test-account"),
    THIRD_PARTY_PLATFORM("third-party-platform");

    private final String id;

    AccountType(String id) {
        this.id = id;
    }

    /** The kebab-case name used in the catalog and on the command line, e.g. {@code official-account}. */
    public String id() {
        return id;
    }

    /**
     * Parses a kebab-case id such as {@code mini-program}.
     *
     * @throws IllegalArgumentException naming the accepted ids when {@code id} is none of them
     */
    public static AccountType fromId(String id) {
        for (AccountType type : values()) {
            if (type.id.equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown account type '" + id + "'; use one of "
                + Arrays.stream(values()).map(AccountType::id).collect(Collectors.joining(", ")));
    }
}
