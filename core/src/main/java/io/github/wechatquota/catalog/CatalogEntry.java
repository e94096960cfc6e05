package io.github.wechatquota.catalog;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * WeChat's documented limits of one API for one account type. A limit WeChat documents none for is left unset and
 * reads as empty.
 *
 * <pre>{@code
 * CatalogEntry menuCreate = CatalogEntry.builder(AccountType.OFFICIAL_ACCOUNT, "/cgi-bin/menu/create")
 *         .dailyLimit(500)
 *         .name("create custom menu")
 *         .build();
 * }</pre>
 */
public final class CatalogEntry {

    private static final long NONE = -1;

    private final AccountType accountType;
    private final String cgiPath;
    private final long dailyLimit;
    private final long perMinuteLimit;
    private final String name;

    private CatalogEntry(Builder builder) {
        this.accountType = builder.accountType;
        this.cgiPath = builder.cgiPath;
        this.dailyLimit = builder.dailyLimit;
        this.perMinuteLimit = builder.perMinuteLimit;
        this.name = builder.name;
    }

    /**
     * A builder of the entry of {@code cgiPath} for {@code accountType}, with no limits and no name.
     *
     * @throws NullPointerException when {@code accountType} is null
     * @throws IllegalArgumentException naming the path and the fix when it is not a valid cgi_path
     */
    public static Builder builder(AccountType accountType, String cgiPath) {
        return new Builder(accountType, cgiPath);
    }

    /** The account type the figures are for. */
    public AccountType accountType() {
        return accountType;
    }

    /** The API, e.g. {@code /cgi-bin/message/custom/send}. */
    public String cgiPath() {
        return cgiPath;
    }

    /** Calls per day (00:00-24:00 China time); empty when WeChat documents none. */
    public OptionalLong dailyLimit() {
        return dailyLimit == NONE ? OptionalLong.empty() : OptionalLong.of(dailyLimit);
    }

    /** Calls per minute; empty when WeChat documents none. */
    public OptionalLong perMinuteLimit() {
        return perMinuteLimit == NONE ? OptionalLong.empty() : OptionalLong.of(perMinuteLimit);
    }

    /** What the API does, e.g. {@code send customer service message}; may be empty. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CatalogEntry that && accountType == that.accountType && cgiPath.equals(that.cgiPath)
                && dailyLimit == that.dailyLimit && perMinuteLimit == that.perMinuteLimit && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountType, cgiPath, dailyLimit, perMinuteLimit, name);
    }

    @Override
    public String toString() {
        return "CatalogEntry[" + accountType.id() + " " + cgiPath
                + (dailyLimit == NONE ? "" : ", dailyLimit=" + dailyLimit)
                + (perMinuteLimit == NONE ? "" : ", perMinuteLimit=" + perMinuteLimit)
                + (name.isEmpty() ? "" : ", " + name) + "]";
    }

    /** Values of a {@link CatalogEntry}; each setter checks its value at once and names it in the error. */
    public static final class Builder {

        private final AccountType accountType;
        private final String cgiPath;
        private long dailyLimit = NONE;
        private long perMinuteLimit = NONE;
        private String name = "";

        private Builder(AccountType accountType, String cgiPath) {
            this.accountType = Objects.requireNonNull(accountType, "accountType");
            this.cgiPath = CgiPath.requireValid(cgiPath);
        }

        /** The documented calls per day: 0 or more. */
        public Builder dailyLimit(long dailyLimit) {
            this.dailyLimit = requireCount("dailyLimit", dailyLimit);
            return this;
        }

        /** The documented calls per minute: 0 or more. */
        public Builder perMinuteLimit(long perMinuteLimit) {
            this.perMinuteLimit = requireCount("perMinuteLimit", perMinuteLimit);
            return this;
        }

        /** What the API does; empty unless set. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The entry. */
        public CatalogEntry build() {
            return new CatalogEntry(this);
        }

        private long requireCount(String what, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(what + " of " + cgiPath + " for " + accountType.id() + " is "
                        + value + ": use a count of 0 or more, or leave it unset when WeChat documents none");
            }
            return value;
        }
    }
}
