package io.github.wechatquota.engine;

import java.util.Objects;

/**
 * One quota: an account's daily (and per-minute) allowance for one API.
 *
 * @param appId the account, e.g. {@code wx0123456789abcdef}
 * @param cgiPath the API, e.g. {@code /cgi-bin/message/custom/send}
 */
public record QuotaKey(String appId, String cgiPath) {

    public QuotaKey {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(cgiPath, "cgiPath");
    }

    @Override
    public String toString() {
        return appId + " " + cgiPath;
    }
}
