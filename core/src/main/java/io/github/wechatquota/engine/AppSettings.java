package io.github.wechatquota.engine;

import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.catalog.CgiPath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration for one account ({@code wechat.quota.apps.<appid>}).
 *
 * <pre>{@code
 * AppSettings app = AppSettings.builder("wx0123456789abcdef", AccountType.OFFICIAL_ACCOUNT)
 *         .secret(System.getenv("WX_SECRET"))
 *         .api("/cgi-bin/message/custom/send", ApiSettings.builder().dailyLimit(500_000).build())
 *         .build();
 * }</pre>
 */
public final class AppSettings {

    private final String appId;
    private final AccountType accountType;
    private final String secret;
    private final Map<String, ApiSettings> apis;
    private final String platform;
    private final String authorizers;

    private AppSettings(Builder builder) {
        this.appId = builder.appId;
        this.accountType = builder.accountType;
        this.secret = builder.secret;
        this.apis = Map.copyOf(builder.apis);
        this.platform = builder.platform;
        this.authorizers = builder.authorizers;
    }

    /**
     * A builder of the settings of the account {@code appId}, whose default limits are those of {@code accountType}.
     *
     * @throws IllegalArgumentException when {@code appId} is blank
     */
    public static Builder builder(String appId, AccountType accountType) {
        return new Builder(appId, accountType);
    }

    /** An account of the given type with no secret and no per-API settings. */
    public static AppSettings of(String appId, AccountType accountType) {
        return builder(appId, accountType).build();
    }

    /** The appid. */
    public String appId() {
        return appId;
    }

    /** Which table of default limits applies. */
    public AccountType accountType() {
        return accountType;
    }

    /**
     * The app secret, for the built-in token provider and clear_quota/v2; empty when none is configured. Never shown by
     * {@link #toString()}.
     */
    public Optional<String> secret() {
        return Optional.ofNullable(secret);
    }

    /** Whether a secret is configured. */
    public boolean hasSecret() {
        return secret != null;
    }

    /** The per-API settings, by cgi_path. */
    public Map<String, ApiSettings> apis() {
        return apis;
    }

    /**
     * The third-party platform (its component appid) that calls WeChat for this account: its clears go through the
     * platform's {@code component/clear_quota/v2}, and the calls are limited per minute by WeChat's
     * {@code component_rate_limit}. Empty for an account that calls WeChat itself.
     */
    public Optional<String> platform() {
        return Optional.ofNullable(platform);
    }

    /**
     * For a third-party platform: which appids that are not configured are its authorized accounts, an appid or a
     * prefix ending in {@code *}; {@code *} for all. Empty for other accounts.
     */
    public Optional<String> authorizers() {
        return Optional.ofNullable(authorizers);
    }

    /** Whether {@code candidate} is one of this platform's authorized accounts by {@link #authorizers()}. */
    boolean authorizes(String candidate) {
        return authorizers != null && AppIdPattern.matches(authorizers, candidate);
    }

    /** The settings for one API, or {@link ApiSettings#NONE}. */
    public ApiSettings api(String cgiPath) {
        return apis.getOrDefault(cgiPath, ApiSettings.NONE);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppSettings that && appId.equals(that.appId) && accountType == that.accountType
                && Objects.equals(secret, that.secret) && apis.equals(that.apis)
                && Objects.equals(platform, that.platform) && Objects.equals(authorizers, that.authorizers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(appId, accountType, secret, apis, platform, authorizers);
    }

    @Override
    public String toString() {
        return "AppSettings[appId=" + appId + ", accountType=" + accountType.id() + ", secret="
                + (secret == null ? "none" : "***") + ", apis=" + apis
                + (platform == null ? "" : ", platform=" + platform)
                + (authorizers == null ? "" : ", authorizers=" + authorizers) + "]";
    }

    /** Settings of an {@link AppSettings}; each setter checks its value at once and names it in the error. */
    public static final class Builder {

        private final String appId;
        private final AccountType accountType;
        private String secret;
        private final Map<String, ApiSettings> apis = new LinkedHashMap<>();
        private String platform;
        private String authorizers;

        private Builder(String appId, AccountType accountType) {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(accountType, "accountType");
            if (appId.isBlank()) {
                throw new IllegalArgumentException("appId must not be blank");
            }
            this.appId = appId;
            this.accountType = accountType;
            if (accountType == AccountType.THIRD_PARTY_PLATFORM) {
                this.authorizers = "*";
            }
        }

        /**
         * The third-party platform, by its component appid, that calls WeChat for this account; see
         * {@link AppSettings#platform()}.
         *
         * @throws IllegalArgumentException when the account is a platform itself, or the appid is malformed
         */
        public Builder platform(String componentAppId) {
            Objects.requireNonNull(componentAppId, "componentAppId");
            if (accountType == AccountType.THIRD_PARTY_PLATFORM) {
                throw new IllegalArgumentException("platform of " + appId + " (wechat.quota.apps." + appId
                        + ".platform) is set, but " + appId + " is a third-party platform itself: remove it");
            }
            if (componentAppId.isBlank() || componentAppId.equals(appId)) {
                throw new IllegalArgumentException("platform of " + appId + " (wechat.quota.apps." + appId
                        + ".platform) must be the component appid of the platform that calls for it, not '"
                        + componentAppId + "'");
            }
            this.platform = componentAppId;
            return this;
        }

        /**
         * For a third-party platform: which appids that are not configured are its authorized accounts, an appid or a
         * prefix ending in {@code *}; {@code *} (every one) unless set.
         *
         * @throws IllegalArgumentException when the account is not a platform, or the pattern is malformed
         */
        public Builder authorizers(String appIdPattern) {
            Objects.requireNonNull(appIdPattern, "appIdPattern");
            if (accountType != AccountType.THIRD_PARTY_PLATFORM) {
                throw new IllegalArgumentException("authorizers of " + appId + " (wechat.quota.apps." + appId
                        + ".authorizers) is set, but " + appId + " is " + accountType.id()
                        + ": only a third-party-platform has authorized accounts");
            }
            AppIdPattern.requireValid(appIdPattern, "wechat.quota.apps." + appId + ".authorizers");
            this.authorizers = appIdPattern;
            return this;
        }

        /**
         * The app secret, for the built-in token provider and clear_quota/v2; none unless set. A {@code null} or blank
         * secret (an unset environment variable, say) leaves it unset.
         */
        public Builder secret(String secret) {
            this.secret = secret == null || secret.isBlank() ? null : secret;
            return this;
        }

        /**
         * Settings for one API of the account.
         *
         * @throws IllegalArgumentException naming the path and the fix when it is not a valid cgi_path, or when it
         *     was already given settings
         */
        public Builder api(String cgiPath, ApiSettings settings) {
            CgiPath.requireValid(cgiPath);
            Objects.requireNonNull(settings, "settings");
            if (apis.putIfAbsent(cgiPath, settings) != null) {
                throw new IllegalArgumentException("settings of " + cgiPath + " for " + appId + " were already given");
            }
            return this;
        }

        /** The settings. */
        public AppSettings build() {
            return new AppSettings(this);
        }
    }
}
