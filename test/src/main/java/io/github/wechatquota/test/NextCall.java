package io.github.wechatquota.test;

import io.github.wechatquota.simulator.Fault;
import io.github.wechatquota.simulator.FaultPlan;

/**
 * How WeChat answers the next calls to one path, in place of serving them. Made by {@link
 * WeChatTestServer#nextCall(String)}; several scripted answers are given in the order they were scripted.
 */
public final class NextCall {

    private final FaultPlan faults;
    private final String path;

    NextCall(FaultPlan faults, String path) {
        this.faults = faults;
        this.path = path;
    }

    /** The next call answers HTTP 200 with {@code errcode} (e.g. 45009, 45011, -1, 40001) and WeChat's errmsg. */
    public NextCall answers(int errcode) {
        return answers(errcode, 1);
    }

    /** The next {@code times} calls answer {@code errcode}. */
    public NextCall answers(int errcode, int times) {
        faults.nextErrcode(path, errcode, times);
        return this;
    }

    /** The next call fails as {@code fault} says: HTTP 500, a hung connection, a broken body. */
    public NextCall fails(Fault fault) {
        faults.next(path, fault, 1);
        return this;
    }
}
