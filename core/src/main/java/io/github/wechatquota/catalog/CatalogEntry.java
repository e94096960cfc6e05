package io.github.wechatquota.catalog;

import java.util.Objects;

/**
 * WeChat's documented limits of one API for one account type.
 *
 * @param accountType the account type the figures are for
 * @param cgiPath the API, e.g. {@code /cgi-bin/message/custom/send}; must satisfy {@link CgiPath#requireValid}
 * @param dailyLimit calls per day (00:00-24:00 China time), or {@code -1} when WeChat documents none
 * @param perMinuteLimit calls per minute, or {@code -1} when WeChat documents none
 * @param name what the API does, e.g. {@code send customer service message}; may be empty
 */
public record CatalogEntry(AccountType accountType, String cgiPath, long dailyLimit, long perMinuteLimit, String name) {

    /** The value of a limit WeChat documents none for. */
    public static final long NONE = -1;

    /**
     * @throws NullPointerException when {@code accountType} or {@code name} is null
     * @throws IllegalArgumentException when {@code cgiPath} is not a valid cgi_path, or a limit is below {@code -1}
     */
    public CatalogEntry {
        Objects.requireNonNull(accountType, "accountType");
        CgiPath.requireValid(cgiPath);
        Objects.requireNonNull(name, "name");
        requireLimit("dailyLimit", dailyLimit, accountType, cgiPath);
        requireLimit("perMinuteLimit", perMinuteLimit, accountType, cgiPath);
    }

    /** Whether WeChat documents a daily limit for this API. */
    public boolean hasDailyLimit() {
        return dailyLimit != NONE;
    }

    /** Whether WeChat documents a per-minute limit for this API. */
    public boolean hasPerMinuteLimit() {
        return perMinuteLimit != NONE;
    }

    private static void requireLimit(String what, long value, AccountType type, String cgiPath) {
        if (value < NONE) {
            throw new IllegalArgumentException(what + " of " + cgiPath + " for " + type.id() + " is " + value
                    + ": use a count of 0 or more, or -1 when there is no limit");
        }
    }
}
