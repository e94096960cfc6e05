package io.github.wechatquota.engine;

import io.github.wechatquota.store.SyncRecord;
import io.github.wechatquota.wechat.ApiQuota;
import io.github.wechatquota.wechat.RateLimit;
import java.util.Optional;

/**
 * Applies getApiQuota's answer to a quota: the bucket is moved by the difference between WeChat's figure and a sample
 * taken before asking, never set to an absolute value, so calls made while the answer travelled stay counted. An
 * answer that another sync (of this instance or, on a shared store, of another) has already applied is not applied
 * twice.
 */
final class SyncApplication {

    private SyncApplication() {
    }

    /** A sample to take before asking WeChat. */
    static SyncSample sample(KeyState state) {
        // The shared record first, the bucket after: an answer recorded by then has moved the bucket already.
        long sharedSyncAt = state.sharedRecords().lastSharedAt();
        long generation = state.history().generation();
        long rebuilds = state.rebuilds();
        QuotaCounts counts = state.counts();
        int unanswered = counts.inFlight();
        StoredBucket count = counts.daily();
        Lease.SharedSample shared = count == null ? new Lease.SharedSample(-1, 0) : count.sample();
        QuotaDays days = state.days();
        return new SyncSample(days.clock().instant(), days.today(), shared.tokens(), unanswered, shared.leased(),
                generation, rebuilds, sharedSyncAt);
    }

    /** Sets the quota to what WeChat says remains, less what is held back and the calls still travelling. */
    static void apply(KeyState state, ApiQuota quota, SyncSample before) {
        synchronized (state) {
            // Whoever applies it (this instance, or another first on a shared store), an answer showing WeChat's new day
            // ends a new day held for it.
            boolean newDay = state.midnight().provesNewDay(before, quota);
            if (applicable(state, before, newDay)) {
                state.share(applyDifference(state, quota, before));
            }
            if (newDay) {
                state.midnight().newDayConfirmed();
            }
        }
    }

    private static boolean applicable(KeyState state, SyncSample before, boolean provesNewDay) {
        QuotaDays days = state.days();
        if (!before.day().equals(days.today())) {
            return false; // The answer straddles midnight: it describes a day that is over.
        }
        if (before.leased() < 0) {
            return false; // Leases moved all the while the bucket was read: the next sync will know them.
        }
        if (days.nearMidnight(before.at()) && !provesNewDay) {
            return false; // WeChat's clock may be on the other day: its count could take this day's quota, or give it twice.
        }
        if (before.generation() != state.history().generation() || before.rebuilds() != state.rebuilds()) {
            // Another sync of this quota was applied meanwhile, or the bucket was lost and rebuilt: moving the bucket
            // by this sample's difference would count the same calls twice, or move a bucket it never saw.
            return false;
        }
        if (before.sharedSyncAt() >= 0 && !state.sharedRecords().claimApply(before.sharedSyncAt(), before.day())) {
            // Another instance sampled the same shared bucket and applied its answer first: this difference would
            // move the bucket a second time. Its answer stands; its limits are taken over.
            state.adopt(state.sharedRecords().todays());
            return false;
        }
        return true;
    }

    /** Moves the bucket and puts the answer's limits in force; returns the answer's record, to share. */
    private static SyncRecord applyDifference(KeyState state, ApiQuota quota, SyncSample before) {
        SyncRecord.Builder answer = SyncRecord.builder(state.days().clock().instant()).dailyLimit(quota.dailyLimit())
                .used(quota.used()).remain(quota.remain());
        // Calls a platform makes for an account are limited per minute by component_rate_limit, not the account's own.
        Optional<RateLimit> perMinute = state.calledByPlatform() ? quota.componentRateLimit().or(quota::rateLimit)
                : quota.rateLimit();
        perMinute.filter(rate -> rate.callCount() > 0).ifPresent(rate -> {
            answer.perMinuteLimit(rate.callCount());
            if (rate.refreshSeconds() > 0) {
                answer.refreshSeconds(rate.refreshSeconds());
            }
        });
        SyncRecord record = answer.build();
        // Compared with this instance's last answer only when nothing but calls moved the bucket since.
        boolean comparable = before.sharedSyncAt() >= 0
                ? before.sharedSyncAt() == state.margin().lastAppliedAt(before.day())
                : before.generation() == state.history().appliedGeneration();
        state.synced(record, before.rebuilds());
        Limits previous = state.currentLimits();
        Limits next = state.resolve(record);
        StoredBucket count = state.counts().daily();
        // Calls still travelling when the sample was taken may be missing from WeChat's count: assume they are, this
        // instance's and, on a shared store, the other instances' too (estimated); so are tokens leased and not yet
        // spent, by this instance or another (recorded in the store).
        long remaining = Math.max(0, next.usable() - quota.used() - state.inFlightEstimate(before.inFlight())
                - before.leasedTokens());
        if (count == null || !next.hasDailyLimit()) {
            state.putInForce(next);
            return record;
        }
        state.putInForce(next.usable() >= previous.usable() ? next : previous);
        long target = state.release(remaining, next);
        // A lease counted here lapses at most a block's life and the grace after the sample: then, if its holder died,
        // asking again gives its tokens back.
        state.margin().released(before.day(), remaining, target, before.leasedTokens(), before.at().toEpochMilli()
                + Lease.VALIDITY.toMillis() + Lease.LAPSE_GRACE.toMillis());
        if (before.available() < 0) {
            // The bucket was attached, from what was known then, while the answer travelled (or the store is away):
            // bring it down to what WeChat says remains.
            long now = count.isAttached() ? count.available() : -1;
            if (now > target) {
                count.moveBy(target - now);
            }
        } else {
            // A bucket that grows was reconfigured first, one that shrinks is afterwards, so that neither the move nor
            // the new capacity clips the other.
            count.moveBy(target - before.available());
            // Leases are counted as in the bucket here, so that blocks taken between two answers are not taken for calls.
            state.margin().applied(before.day(), record.at().toEpochMilli(), quota.used(),
                    before.available() + before.leased(), target + before.leased(), comparable);
        }
        state.putInForce(next);
        if (quota.remain() > 0) {
            state.counts().unblockIfBlockedForTheDay(); // WeChat has quota again (a clear in the console, say)
        }
        return record;
    }
}
