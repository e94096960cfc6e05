package io.github.wechatquota.simulator;

import java.util.Map;

/** An answer to a WeChat path: HTTP status, JSON body, and for the record the account, errcode and platform. */
record Reply(int status, Map<String, Object> body, String appId, int errcode, String componentAppId) {

    static Reply ok(String appId, Map<String, Object> body) {
        return new Reply(200, body, appId, 0, null);
    }

    /** The same answer, recorded as made by the platform for the account. */
    Reply viaPlatform(String platformId) {
        return new Reply(status, body, appId, errcode, platformId);
    }
}
