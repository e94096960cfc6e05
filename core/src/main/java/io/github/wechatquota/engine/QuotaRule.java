package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import java.util.Objects;

/**
 * One entry of the ordered {@code wechat.quota.rules}: settings for every API whose cgi_path matches an Ant pattern
 * ({@code ?}, {@code *} within a segment, {@code **} across segments), optionally for one account only. The first
 * matching rule applies.
 *
 * @param match an Ant pattern such as {@code /cgi-bin/message/**}
 * @param appId the only account the rule applies to, or {@code null} for all
 * @param policy the policy, or {@code null}
 * @param reserve a fraction of the daily limit to leave unused, or -1
 * @param dailyLimit a daily limit, or -1
 * @param perMinuteLimit a per-minute limit, or -1
 */
public record QuotaRule(String match, String appId, QuotaPolicy policy, double reserve, long dailyLimit,
        long perMinuteLimit) {

    public QuotaRule {
        Objects.requireNonNull(match, "match");
        if (!match.startsWith("/")) {
            throw new IllegalArgumentException("Rule pattern '" + match + "' must start with '/', e.g. /cgi-bin/message/**");
        }
        Limits.requireLimit("daily-limit", dailyLimit);
        Limits.requireLimit("per-minute-limit", perMinuteLimit);
        Limits.requireReserve(reserve);
        if (appId != null && appId.isBlank()) {
            appId = null;
        }
        if (policy == QuotaPolicy.DEFAULT) {
            policy = null;
        }
    }

    /** A rule that sets only the policy for matching APIs of every account. */
    public static QuotaRule policy(String match, QuotaPolicy policy) {
        return new QuotaRule(match, null, policy, -1, -1, -1);
    }

    boolean matches(QuotaKey key) {
        return (appId == null || appId.equals(key.appId())) && AntPattern.matches(match, key.cgiPath());
    }
}
