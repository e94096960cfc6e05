package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Configuration for one API of one account ({@code wechat.quota.apps.<appid>.apis."[<cgi_path>]"}); it beats the
 * annotation and the rules for what it sets.
 *
 * <pre>{@code
 * ApiSettings send = ApiSettings.builder()
 *         .dailyLimit(500_000)
 *         .policy(QuotaPolicy.CLEAR_AND_RETRY)
 *         .build();
 * }</pre>
 */
public final class ApiSettings {

    /** Nothing set. */
    public static final ApiSettings NONE = new ApiSettings(ApiValues.NONE);

    private final ApiValues values;

    private ApiSettings(ApiValues values) {
        this.values = values;
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The daily limit; empty leaves it to WeChat, the rules, the annotation or the catalog. */
    public OptionalLong dailyLimit() {
        return values.dailyLimit();
    }

    /** The per-minute limit; empty leaves it to WeChat, the rules, the annotation or the catalog. */
    public OptionalLong perMinuteLimit() {
        return values.perMinuteLimit();
    }

    /** The policy; empty leaves it to the annotation, the rules and the default policy. */
    public Optional<QuotaPolicy> policy() {
        return values.policy();
    }

    /** The fraction of the daily limit to leave unused; empty leaves it to the rules. */
    public OptionalDouble reserve() {
        return values.reserve();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiSettings that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        String set = values.describe();
        return "ApiSettings[" + (set.isEmpty() ? "none" : set.substring(2)) + "]";
    }

    /** Settings of an {@link ApiSettings}; each setter checks its value at once and names it in the error. */
    public static final class Builder extends ApiValues.Setters<Builder> {

        private Builder() {
        }

        /** The settings; {@link #NONE} when nothing was set. */
        public ApiSettings build() {
            return values.equals(ApiValues.NONE) ? NONE : new ApiSettings(values);
        }
    }
}
