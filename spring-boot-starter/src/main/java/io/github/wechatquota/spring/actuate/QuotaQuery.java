package io.github.wechatquota.spring.actuate;

import io.github.wechatquota.engine.QuotaSnapshot;
import org.springframework.lang.Nullable;

/**
 * Which quotas {@code GET /actuator/wechatquota} shows, and which page of accounts: a platform guarding thousands of
 * authorized accounts is read a page at a time, and filtered to the quotas that need attention.
 *
 * @param appId one account, or with a trailing {@code *} the accounts whose appid starts with what precedes it; null
 *     for every account
 * @param exhausted only quotas that are (true) or are not (false) used up; null for both
 * @param remainingBelow only quotas with less than this share of their daily limit left (0 to 1); null for all
 * @param page the page of accounts, from 0
 * @param size accounts per page
 */
record QuotaQuery(@Nullable String appId, @Nullable Boolean exhausted, @Nullable Double remainingBelow, int page,
        int size) {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;

    /**
     * The query of a request's parameters, each optional.
     *
     * @throws EndpointRefusal naming the parameter when one is out of range
     */
    static QuotaQuery of(@Nullable String appId, @Nullable Boolean exhausted, @Nullable Double remainingBelow,
            @Nullable Integer page, @Nullable Integer size) {
        if (remainingBelow != null && !(remainingBelow >= 0 && remainingBelow <= 1)) {
            throw EndpointRefusal.badParameter("remainingBelow", remainingBelow,
                    "a share of the daily limit from 0 to 1 (0.1: quotas with less than 10% left)");
        }
        if (page != null && page < 0) {
            throw EndpointRefusal.badParameter("page", page, "a page number from 0");
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw EndpointRefusal.badParameter("size", size, "a number of accounts per page from 1 to " + MAX_SIZE);
        }
        String account = appId == null || appId.isBlank() ? null : appId.trim();
        return new QuotaQuery(account, exhausted, remainingBelow, page == null ? 0 : page,
                size == null ? DEFAULT_SIZE : size);
    }

    /** Every account, first page. */
    static QuotaQuery all() {
        return of(null, null, null, null, null);
    }

    /** Whether a filter on the quotas themselves is set: accounts none of whose quotas match are then left out. */
    boolean filtersQuotas() {
        return exhausted != null || remainingBelow != null;
    }

    boolean matchesApp(String candidate) {
        if (appId == null) {
            return true;
        }
        return appId.endsWith("*") ? candidate.startsWith(appId.substring(0, appId.length() - 1))
                : candidate.equals(appId);
    }

    boolean matches(QuotaSnapshot snapshot) {
        if (exhausted != null && snapshot.exhausted() != exhausted) {
            return false;
        }
        if (remainingBelow == null) {
            return true;
        }
        return snapshot.dailyLimit().isPresent() && snapshot.remaining().isPresent()
                && snapshot.remaining().getAsLong() < remainingBelow * snapshot.dailyLimit().getAsLong();
    }
}
