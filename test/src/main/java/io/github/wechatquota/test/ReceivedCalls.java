package io.github.wechatquota.test;

import io.github.wechatquota.simulator.RecordedCall;
import java.util.Arrays;
import java.util.List;

/**
 * The calls WeChat received for one path, oldest first, with assertions that say what was received when they fail.
 * Made by {@link WeChatTestServer#received(String)}; {@link #calls()} gives them to AssertJ or Hamcrest.
 */
public final class ReceivedCalls {

    private final String path;
    private final List<RecordedCall> calls;

    ReceivedCalls(String path, List<RecordedCall> calls) {
        this.path = path;
        this.calls = List.copyOf(calls);
    }

    /** Every call received, oldest first. */
    public List<RecordedCall> calls() {
        return calls;
    }

    /** How many calls were received. */
    public int count() {
        return calls.size();
    }

    /** The errcodes WeChat answered, oldest first (0 for success). */
    public List<Integer> errcodes() {
        return calls.stream().map(RecordedCall::errcode).toList();
    }

    /** Only the calls made for one account. */
    public ReceivedCalls forApp(String appId) {
        return new ReceivedCalls(path, calls.stream().filter(call -> appId.equals(call.appId())).toList());
    }

    /**
     * Asserts that exactly {@code expected} calls were received.
     *
     * @throws AssertionError naming what was received otherwise
     */
    public ReceivedCalls hasCount(int expected) {
        if (calls.size() != expected) {
            throw new AssertionError("Expected WeChat to receive " + expected + " call(s) to " + path + " but it received "
                    + calls.size() + ": " + calls);
        }
        return this;
    }

    /** Asserts that no call was received: the guard kept it from WeChat. */
    public ReceivedCalls hasNone() {
        return hasCount(0);
    }

    /**
     * Asserts that WeChat answered exactly these errcodes, in this order (0 for success).
     *
     * @throws AssertionError naming what was answered otherwise
     */
    public ReceivedCalls answered(int... errcodes) {
        List<Integer> expected = Arrays.stream(errcodes).boxed().toList();
        if (!errcodes().equals(expected)) {
            throw new AssertionError("Expected WeChat to answer " + expected + " to the calls to " + path
                    + " but it answered " + errcodes() + ": " + calls);
        }
        return this;
    }

    @Override
    public String toString() {
        return calls.size() + " call(s) to " + path + ": " + calls;
    }
}
