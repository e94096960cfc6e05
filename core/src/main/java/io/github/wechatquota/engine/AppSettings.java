package io.github.wechatquota.engine;

import io.github.wechatquota.catalog.AccountType;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration for one account ({@code wechat.quota.apps.<appid>}).
 *
 * @param appId the appid
 * @param accountType which table of default limits applies
 * @param secret the app secret for the built-in token provider and clear_quota/v2, or {@code null}; never shown by
 *     {@link #toString()}
 * @param apis per-API settings by cgi_path
 */
public record AppSettings(String appId, AccountType accountType, String secret, Map<String, ApiSettings> apis) {

    public AppSettings {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(accountType, "accountType");
        if (appId.isBlank()) {
            throw new IllegalArgumentException("appId must not be blank");
        }
        if (secret != null && secret.isBlank()) {
            secret = null;
        }
        apis = Map.copyOf(apis);
        apis.keySet().forEach(io.github.wechatquota.catalog.CgiPath::requireValid);
    }

    /** An account of the given type with no secret and no per-API settings. */
    public static AppSettings of(String appId, AccountType accountType) {
        return new AppSettings(appId, accountType, null, Map.of());
    }

    /** The settings for one API, or {@link ApiSettings#NONE}. */
    public ApiSettings api(String cgiPath) {
        return apis.getOrDefault(cgiPath, ApiSettings.NONE);
    }

    /** Whether a secret is configured. */
    public boolean hasSecret() {
        return secret != null;
    }

    @Override
    public String toString() {
        return "AppSettings[appId=" + appId + ", accountType=" + accountType.id() + ", secret="
                + (secret == null ? "none" : "***") + ", apis=" + apis + "]";
    }
}
