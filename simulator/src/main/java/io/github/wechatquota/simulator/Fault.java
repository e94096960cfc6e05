package io.github.wechatquota.simulator;

/** A way the simulated WeChat can misbehave, scripted or at a rate through {@link FaultPlan}. */
public enum Fault {
    /** HTTP 200 with {@code {"errcode":-1,"errmsg":"system error"}}: WeChat is busy, retry later. */
    SYSTEM_BUSY,
    /** HTTP 500 with an HTML body, as a failing gateway answers. */
    HTTP_500,
    /** No answer at all until the hang time passes or the simulator stops; then the connection closes. */
    HANG,
    /** HTTP 200 with a body that is not valid JSON. */
    MALFORMED_JSON,
    /** HTTP 200 with an empty body. */
    EMPTY_BODY
}
