package io.github.wechatquota.wechat;

import java.time.Duration;
import java.util.Objects;

/**
 * An access token from {@code stable_token}. {@link #toString()} masks the token, so the value can be logged.
 *
 * @param accessToken the token; a credential, never log it
 * @param expiresIn how long it stays valid from when WeChat answered
 */
public record StableToken(String accessToken, Duration expiresIn) {

    public StableToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }

    /** Shows the expiry only, e.g. {@code StableToken[accessToken=***, expiresIn=PT2H]}. */
    @Override
    public String toString() {
        return "StableToken[accessToken=***, expiresIn=" + expiresIn + "]";
    }
}
