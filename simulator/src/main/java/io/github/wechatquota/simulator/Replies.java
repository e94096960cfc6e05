package io.github.wechatquota.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What every WeChat path answers the same way: ok bodies, errors with a rid, and counting a call against limits. */
final class Replies {

    private final SimulatorState state;

    Replies(SimulatorState state) {
        this.state = state;
    }

    static Map<String, Object> okBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", 0);
        body.put("errmsg", "ok");
        return body;
    }

    Reply error(SimulatorRequest request, String appId, int errcode) {
        return error(request, appId, errcode, WeChatErrors.message(errcode));
    }

    /** An error reply; like WeChat's, its errmsg ends with a rid that getRidInfo can look up for seven days. */
    Reply error(SimulatorRequest request, String appId, int errcode, String message) {
        Instant now = state.now();
        String rid = RidLog.newRid(now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", errcode);
        body.put("errmsg", message + " rid: " + rid);
        if (appId != null) {
            state.rids.record(new RidLog.Entry(rid, appId, now, request.path(), request.body(), body.toString()));
        }
        return new Reply(200, body, appId, errcode, null);
    }

    /** The answer to a clear: ok, or 48006 when the month's clears are used up. */
    Reply cleared(SimulatorRequest request, AccountLedger ledger, AccountLedger.ClearResult result) {
        String appId = ledger.account().appId();
        return result == AccountLedger.ClearResult.CLEARED
                ? Reply.ok(appId, okBody())
                : error(request, appId, WeChatErrors.CLEAR_LIMIT);
    }

    /**
     * Counts the call against the path's limits: empty when admitted, 45009 or 45011 when not. {@code viaPlatform}:
     * made by a third-party platform with an authorizer_access_token, so its minute limit is the component one.
     */
    Optional<Reply> admit(SimulatorRequest request, AccountLedger ledger, String quotaPath, boolean viaPlatform) {
        AccountLedger.Admission admission = ledger.admit(quotaPath, state.limits(ledger, quotaPath), state.now(),
                state.drift(), viaPlatform);
        String appId = ledger.account().appId();
        return switch (admission) {
            case ADMITTED -> Optional.empty();
            case DAILY_LIMIT_REACHED -> Optional.of(error(request, appId, WeChatErrors.DAILY_LIMIT));
            case MINUTE_LIMIT_REACHED -> Optional.of(error(request, appId, WeChatErrors.MINUTE_LIMIT));
        };
    }
}
