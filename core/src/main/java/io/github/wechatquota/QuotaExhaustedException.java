package io.github.wechatquota;

import java.time.Instant;

/**
 * A call was not made, or WeChat refused it, because the quota of an API is used up, and the policy did not (or could
 * not) find a way through. Thrown by {@code REJECT} before WeChat is called, by {@code WAIT} when the wait would be too
 * long, and by {@code CLEAR_AND_RETRY} when no clear is allowed.
 */
public class QuotaExhaustedException extends WeChatQuotaException {

    private static final long serialVersionUID = 1L;

    private final String appId;
    private final String cgiPath;
    private final long dailyLimit;
    private final Instant resetAt;

    public QuotaExhaustedException(String appId, String cgiPath, long dailyLimit, Instant resetAt, String reason) {
        super("Quota of " + cgiPath + " for appid " + appId + " is exhausted (daily limit "
                + (dailyLimit < 0 ? "unknown" : dailyLimit) + "); "
                + (resetAt == null ? "it does not reset by itself" : "it resets at " + resetAt) + ". " + reason);
        this.appId = appId;
        this.cgiPath = cgiPath;
        this.dailyLimit = dailyLimit;
        this.resetAt = resetAt;
    }

    /** The account whose quota ran out. */
    public String getAppId() {
        return appId;
    }

    /** The API whose quota ran out, e.g. {@code /cgi-bin/message/custom/send}. */
    public String getCgiPath() {
        return cgiPath;
    }

    /** The effective daily limit, or -1 when none is known. */
    public long getDailyLimit() {
        return dailyLimit;
    }

    /**
     * When calls can succeed again: the next midnight of the configured zone, or the next minute window; {@code null}
     * for a quota that does not reset by itself (an e-waybill balance, which a recharge refills).
     */
    public Instant getResetAt() {
        return resetAt;
    }
}
