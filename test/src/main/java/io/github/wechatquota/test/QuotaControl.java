package io.github.wechatquota.test;

import io.github.wechatquota.simulator.QuotaSnapshot;
import io.github.wechatquota.simulator.WeChatSimulator;

/**
 * One (appid, cgi_path) quota in the test's WeChat: set how much is left today, or read it. Made by {@link
 * WeChatTestServer#quota(String, String)}.
 */
public final class QuotaControl {

    private final WeChatSimulator simulator;
    private final String appId;
    private final String cgiPath;
    private final Runnable changed;

    QuotaControl(WeChatSimulator simulator, String appId, String cgiPath, Runnable changed) {
        this.simulator = simulator;
        this.appId = appId;
        this.cgiPath = cgiPath;
        this.changed = changed;
    }

    /**
     * Today's count is set so that {@code remaining} calls are left of the daily limit (WeChat's documented one, or
     * the one {@link #hasDailyLimit(long)} set).
     *
     * @throws IllegalArgumentException when {@code remaining} is negative or above the daily limit, or the API has
     *     none
     */
    public QuotaControl hasLeft(long remaining) {
        long limit = snapshot().dailyLimit();
        if (limit <= 0) {
            throw new IllegalArgumentException(cgiPath + " has no daily limit for " + appId + ": give it one first, "
                    + "quota(appId, cgiPath).hasDailyLimit(n).hasLeft(" + remaining + ")");
        }
        if (remaining < 0 || remaining > limit) {
            throw new IllegalArgumentException("remaining must be within [0, " + limit + "] (the daily limit of "
                    + cgiPath + "), was " + remaining);
        }
        simulator.setUsed(appId, cgiPath, limit - remaining);
        changed.run();
        return this;
    }

    /** Nothing is left today: the next call answers 45009. */
    public QuotaControl isUsedUp() {
        return hasLeft(0);
    }

    /**
     * The API's daily limit for this account is {@code dailyLimit} in place of WeChat's documented one (as an account
     * with more followers has); today's count stays.
     *
     * @throws IllegalArgumentException when {@code dailyLimit} is not positive
     */
    public QuotaControl hasDailyLimit(long dailyLimit) {
        if (dailyLimit < 1) {
            throw new IllegalArgumentException("dailyLimit must be at least 1, was " + dailyLimit);
        }
        simulator.setDailyLimit(appId, cgiPath, dailyLimit);
        changed.run();
        return this;
    }

    /** What is left today, as getApiQuota would answer. */
    public long remaining() {
        return snapshot().remain();
    }

    /** The calls counted today, as getApiQuota would answer. */
    public long used() {
        return snapshot().used();
    }

    private QuotaSnapshot snapshot() {
        return simulator.quota(appId, cgiPath);
    }

    @Override
    public String toString() {
        QuotaSnapshot snapshot = snapshot();
        return appId + " " + cgiPath + ": " + snapshot.used() + " used of " + snapshot.dailyLimit();
    }
}
