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
    private final Runnable onUsedUp;
    /** The quota's permits taken ({@link QuotaCounts#permitsTaken}) when the window opened. */
    private final long permitsAtOpen;
    private volatile boolean endedUsedUp;

    /**
     * @param midnight the coming midnight, epoch millis
     * @param inFlight tokens of the calls let through before the window and not yet answered
     * @param permitsAtOpen the quota's permits taken so far
     * @param onUsedUp what to do (once) when the old day turns out used up: hold the new day at once, so that calls
     *     made between midnight and a late rollover task do not reach WeChat's old day either
     */
    MidnightWindow(long midnight, long inFlight, long permitsAtOpen, Runnable onUsedUp) {
        this.midnight = midnight;
        this.charge = new AtomicLong(inFlight);
        this.permitsAtOpen = permitsAtOpen;
        this.onUsedUp = onUsedUp;
    }

    /** The quota's permits taken when the window opened: any since mean the quota was in use across midnight. */
    long permitsAtOpen() {
        return permitsAtOpen;
    }

    /** A permit of {@code cost} was taken at {@code now} (epoch millis). */
    void permitted(long cost, long now) {
        if (now < midnight) {
            charge.addAndGet(cost);
        }
    }

    /** A call found the daily bucket empty in the window, or WeChat answered 45009: the old day ends used up. */
    void usedUp() {
        if (!endedUsedUp) {
            endedUsedUp = true;
            onUsedUp.run();
        }
    }

    /** The tokens to take from the new day at the rollover. */
    long charge() {
        return charge.get();
    }
}
