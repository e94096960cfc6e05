package io.github.wechatquota.simulator;

import java.time.Instant;

/**
 * One request the simulator received, for tests to assert on.
 *
 * @param at when it arrived, by the simulator's clock
 * @param method the HTTP method
 * @param path the request path without the query, e.g. {@code /cgi-bin/message/custom/send}
 * @param appId the account it was made for, or {@code null} when no valid token or appid identified one
 * @param errcode the errcode answered, 0 for success (also for replies that carry no errcode)
 * @param fault the injected fault that replaced the real answer, or {@code null}
 * @param componentAppId the third-party platform that made the call with its component_access_token or an
 *     authorizer_access_token, or {@code null} when an account called for itself
 */
public record RecordedCall(Instant at, String method, String path, String appId, int errcode, Fault fault,
        String componentAppId) {

    /** A call an account made for itself. */
    public RecordedCall(Instant at, String method, String path, String appId, int errcode, Fault fault) {
        this(at, method, path, appId, errcode, fault, null);
    }

    /** Whether WeChat would have done the work: no fault and errcode 0. */
    public boolean succeeded() {
        return fault == null && errcode == 0;
    }
}
