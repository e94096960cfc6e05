package io.github.wechatquota.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One quota's last seconds before midnight, from {@link QuotaDays#MIDNIGHT_SKEW} before it until the rollover: WeChat,
 * whose clock may differ from this instance's by that much, may count the calls sent now on either day. So every
 * permit taken in the window, and every call still in flight when it opened, is charged to the new day as well (at the
 * rollover); WeChat counts each such call on one day only, so charging both means neither can overshoot. It also notes
 * whether the day ended used up, in which case the new day waits for WeChat to confirm its own midnight
 * ({@link NewDayHold}).
 */
final class MidnightWindow {

    /** The midnight the window closes at, epoch millis: permits taken from then on are the new day's already. */
    private final long midnight;
    private final AtomicLong charge;
    private volatile boolean endedUsedUp;

    /**
     * @param midnight the coming midnight, epoch millis
     * @param inFlight tokens of the calls let through before the window and not yet answered
     */
    MidnightWindow(long midnight, long inFlight) {
        this.midnight = midnight;
        this.charge = new AtomicLong(inFlight);
    }

    /** A permit of {@code cost} was taken at {@code now} (epoch millis). */
    void permitted(long cost, long now) {
        if (now < midnight) {
            charge.addAndGet(cost);
        }
    }

    /** A call found the daily bucket empty in the window, or WeChat answered 45009: the old day ends used up. */
    void usedUp() {
        endedUsedUp = true;
    }

    boolean endedUsedUp() {
        return endedUsedUp;
    }

    /** The tokens to take from the new day at the rollover. */
    long charge() {
        return charge.get();
    }

    long midnight() {
        return midnight;
    }
}
