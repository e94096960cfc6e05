package io.github.wechatquota.simulator;

import java.util.Objects;

/**
 * An account the simulator serves: an appid, its app secret and its type.
 *
 * @param appId the appid, e.g. {@code wx0123456789abcdef}
 * @param secret the app secret; never shown by {@link #toString()}
 * @param type the account type, which selects the default limits
 */
public record SimulatedAccount(String appId, String secret, AccountType type) {

    public SimulatedAccount {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(type, "type");
        if (appId.isBlank()) {
            throw new IllegalArgumentException("appId must not be blank");
        }
    }

    @Override
    public String toString() {
        return "SimulatedAccount[appId=" + appId + ", type=" + type.id() + "]";
    }
}
