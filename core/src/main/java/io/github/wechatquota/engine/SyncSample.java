package io.github.wechatquota.engine;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a quota looked like just before getApiQuota was asked, so that calls made while the answer travels are not
 * lost.
 *
 * @param at when the sample was taken
 * @param day the day of the sample
 * @param available the tokens in the daily bucket, or -1 when it had none (or the store was away)
 * @param inFlight calls let through but not yet answered: WeChat's count may or may not include them
 * @param leased tokens every instance held in blocks taken from the shared bucket (see {@link Lease}), not yet spent,
 *     so not in WeChat's count; -1 when they could not be read consistently with {@code available}
 * @param generation how many syncs (and limit changes) this instance applied when the sample was taken: one applied
 *     since has already moved the bucket, by calls or a change this sample knows nothing of
 * @param rebuilds how often the store had lost the daily bucket when the sample was taken: one lost since leaves
 *     nothing for this sample's difference to apply to
 * @param sharedSyncAt the last sync recorded in a shared store when the sample was taken (epoch millis, 0 for none), or
 *     -1: of the instances that sampled the same shared state, only one may apply its answer
 */
record SyncSample(Instant at, LocalDate day, long available, int inFlight, long leased, long generation,
        long rebuilds, long sharedSyncAt) {

    /** Tokens every instance leased and had not spent at the sample: out of the bucket, and not counted by WeChat. */
    long leasedTokens() {
        return Math.max(0, leased);
    }
}
