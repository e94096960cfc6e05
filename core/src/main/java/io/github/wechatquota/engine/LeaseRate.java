package io.github.wechatquota.engine;

/**
 * This instance's rate of calls on the quota, counted only on exchanges (the spending path counts nothing): tokens
 * granted in blocks less those still held, plus calls taken one at a time, over windows of at least a second. Used
 * only under the {@link Lease}'s exchange lock.
 */
final class LeaseRate {

    private long spent;
    private long markAt = -1;
    private long spentAtMark;
    private long lastRate;
    private long granted;

    void granted(long block) {
        granted += block;
    }

    void returned(long tokensBack) {
        granted -= tokensBack;
    }

    void exact(long cost) {
        spent += cost;
    }

    /** Calls a second: the current window's (over at least a second), or the last closed window's if higher. */
    long perSecond(long now, long held) {
        long total = spent + granted - held;
        if (markAt < 0) {
            markAt = now;
            spentAtMark = total;
            return lastRate;
        }
        long elapsed = now - markAt;
        long current = (total - spentAtMark) * 1000 / Math.max(elapsed, 1000);
        if (elapsed >= 1000) {
            lastRate = current;
            markAt = now;
            spentAtMark = total;
            return current;
        }
        return Math.max(current, lastRate);
    }
}
