package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;

/**
 * Configuration for one API of one account ({@code wechat.quota.apps.<appid>.apis."[<cgi_path>]"}).
 *
 * @param dailyLimit a daily limit, or -1 to leave it to WeChat, the annotation or the catalog
 * @param perMinuteLimit a per-minute limit, or -1
 * @param policy the policy, or {@code null} to leave it to the annotation, rules and default
 * @param reserve a fraction of the daily limit to leave unused, or -1 to leave it to the rules
 */
public record ApiSettings(long dailyLimit, long perMinuteLimit, QuotaPolicy policy, double reserve) {

    /** Nothing set. */
    public static final ApiSettings NONE = new ApiSettings(-1, -1, null, -1);

    public ApiSettings {
        Limits.requireLimit("daily-limit", dailyLimit);
        Limits.requireLimit("per-minute-limit", perMinuteLimit);
        Limits.requireReserve(reserve);
        if (policy == QuotaPolicy.DEFAULT) {
            policy = null;
        }
    }
}
