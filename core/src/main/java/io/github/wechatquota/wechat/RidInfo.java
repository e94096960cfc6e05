package io.github.wechatquota.wechat;

import java.time.Instant;
import java.util.Objects;

/**
 * What WeChat recorded about a failed call, looked up by the {@code rid} at the end of its errmsg (kept seven days).
 *
 * <p>Credentials are masked: WeChat reports the call's query string, which holds the access token used then, and a
 * failed token call's body holds the secret. Both are shown as {@code ***}, so this value is safe to log.
 *
 * @param invokeTime when the call was made
 * @param costInMillis how long WeChat took to answer it
 * @param requestUrl the call's URL or query string as WeChat recorded it; "" when not reported
 * @param requestBody the call's body; "" when not reported
 * @param responseBody WeChat's answer to the call; "" when not reported
 * @param clientIp the address the call came from; "" when not reported
 */
public record RidInfo(Instant invokeTime, long costInMillis, String requestUrl, String requestBody,
        String responseBody, String clientIp) {

    public RidInfo {
        Objects.requireNonNull(invokeTime, "invokeTime");
        Objects.requireNonNull(requestUrl, "requestUrl");
        Objects.requireNonNull(requestBody, "requestBody");
        Objects.requireNonNull(responseBody, "responseBody");
        Objects.requireNonNull(clientIp, "clientIp");
    }
}
