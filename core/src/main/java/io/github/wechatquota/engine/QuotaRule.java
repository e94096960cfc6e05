package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One entry of the ordered {@code wechat.quota.rules}: settings for every API whose cgi_path matches an Ant pattern
 * ({@code ?}, {@code *} within a segment, {@code **} across segments), optionally only for some accounts: an appid or
 * a prefix ({@code wx12*}), or the accounts a third-party platform calls for. A rule may set only some values; for each
 * value the first matching rule that sets it applies.
 *
 * <pre>{@code
 * QuotaRule messages = QuotaRule.forPattern("/cgi-bin/message/**")
 *         .policy(QuotaPolicy.WAIT)
 *         .reserve(0.05)
 *         .build();
 * }</pre>
 */
public final class QuotaRule {

    private final String match;
    private final String appId;
    private final String platform;
    private final ApiValues values;

    private QuotaRule(Builder builder) {
        this.match = builder.match;
        this.appId = builder.appId;
        this.platform = builder.platform;
        this.values = builder.values;
    }

    /**
     * A builder of a rule for the APIs whose cgi_path matches {@code match}, e.g. {@code /cgi-bin/message/**}.
     *
     * @throws IllegalArgumentException naming the pattern and the fix when it does not start with '/'
     */
    public static Builder forPattern(String match) {
        return new Builder(match);
    }

    /** A rule that sets only the policy for matching APIs of every account. */
    public static QuotaRule policy(String match, QuotaPolicy policy) {
        return forPattern(match).policy(policy).build();
    }

    /** The Ant pattern, e.g. {@code /cgi-bin/message/**}. */
    public String match() {
        return match;
    }

    /** The accounts the rule applies to, an appid or a prefix ending in {@code *}; empty for all. */
    public Optional<String> appId() {
        return Optional.ofNullable(appId);
    }

    /** The platform (component appid) whose authorized accounts the rule applies to; empty for any account. */
    public Optional<String> platform() {
        return Optional.ofNullable(platform);
    }

    /** The policy for matching APIs; empty leaves it to later rules and the default policy. */
    public Optional<QuotaPolicy> policy() {
        return values.policy();
    }

    /** The fraction of the daily limit to leave unused; empty leaves it to later rules. */
    public OptionalDouble reserve() {
        return values.reserve();
    }

    /** The daily limit of matching APIs; empty leaves it to later rules, WeChat, the annotation or the catalog. */
    public OptionalLong dailyLimit() {
        return values.dailyLimit();
    }

    /** The per-minute limit of matching APIs; empty leaves it to later rules, WeChat, the annotation or the catalog. */
    public OptionalLong perMinuteLimit() {
        return values.perMinuteLimit();
    }

    boolean matches(QuotaKey key, AppSettings app) {
        return (appId == null || AppIdPattern.matches(appId, key.appId()))
                && (platform == null || platform.equals(app.platform().orElse(null)))
                && AntPattern.matches(match, key.cgiPath());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuotaRule that && match.equals(that.match) && Objects.equals(appId, that.appId)
                && Objects.equals(platform, that.platform) && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(match, appId, platform, values);
    }

    @Override
    public String toString() {
        return "QuotaRule[" + match + (appId == null ? "" : ", appId=" + appId)
                + (platform == null ? "" : ", platform=" + platform) + values.describe() + "]";
    }

    /** Settings of a {@link QuotaRule}; each setter checks its value at once and names it in the error. */
    public static final class Builder extends ApiValues.Setters<Builder> {

        private final String match;
        private String appId;
        private String platform;

        private Builder(String match) {
            Objects.requireNonNull(match, "match");
            if (!match.startsWith("/")) {
                throw new IllegalArgumentException("Rule pattern '" + match
                        + "' must start with '/', e.g. /cgi-bin/message/**");
            }
            this.match = match;
        }

        /**
         * The accounts the rule applies to: an appid, or a prefix ending in {@code *} ({@code wx12*}); every account
         * unless set.
         *
         * @throws IllegalArgumentException naming the rule when blank or malformed
         */
        public Builder appId(String appId) {
            Objects.requireNonNull(appId, "appId");
            if (appId.isBlank()) {
                throw new IllegalArgumentException("appId of rule " + match
                        + " must not be blank: leave it unset for every account");
            }
            AppIdPattern.requireValid(appId, "app-id of rule " + match);
            this.appId = appId;
            return this;
        }

        /**
         * Only the accounts the third-party platform {@code componentAppId} calls for (its authorized accounts, and
         * configured accounts whose {@code platform} it is); any account unless set.
         *
         * @throws IllegalArgumentException naming the rule when blank
         */
        public Builder platform(String componentAppId) {
            Objects.requireNonNull(componentAppId, "componentAppId");
            if (componentAppId.isBlank()) {
                throw new IllegalArgumentException("platform of rule " + match
                        + " must not be blank: leave it unset for every account");
            }
            this.platform = componentAppId;
            return this;
        }

        /** The rule. */
        public QuotaRule build() {
            return new QuotaRule(this);
        }
    }
}
