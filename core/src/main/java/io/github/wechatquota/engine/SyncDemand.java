package io.github.wechatquota.engine;

import io.github.wechatquota.store.SyncRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * Which quotas a periodic round asks WeChat about: only those in use, and only when an answer can matter. A quota is
 * asked when it is first used on a day, when its count crosses one of {@link #SHARES} of the daily limit since the last
 * answer, when past the first of those shares it has been in use for a whole {@code sync.interval} since the last
 * answer (WeChat's count may have moved by calls made around the guard), and after a 45009 the guard did not expect; a
 * quota nobody calls is not asked at all, nor one in use far from its limit, whose next answer comes at the next share. For a platform guarding 200,000 quotas, most of them idle
 * on a given day, this is what keeps getApiQuota from being called 28.8 million times a day (every quota every ten
 * minutes).
 */
final class SyncDemand {

    /** Shares of the daily limit whose crossing asks WeChat: the closer to the end, the more often. */
    static final double[] SHARES = {0.5, 0.8, 0.9, 0.95, 0.98};

    /** Rounds per {@code sync.interval}: how soon a first use or a crossing is noticed. */
    static final int ROUNDS_PER_INTERVAL = 10;

    private final QuotaDays days;
    private final Duration interval;

    SyncDemand(QuotaDays days, Duration interval) {
        this.days = days;
        this.interval = interval;
    }

    /** How often a round runs: a tenth of the interval, but not more often than each second. */
    Duration round() {
        Duration round = interval.dividedBy(ROUNDS_PER_INTERVAL);
        return round.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : round;
    }

    /** Whether this round should ask WeChat about the quota; notes the permits seen, so each use is judged once. */
    boolean due(KeyState state) {
        if (!state.queryable()) {
            return false;
        }
        boolean wanted = state.takeSyncWanted();
        boolean used = state.usedSinceLastRound();
        if (wanted) {
            return true;
        }
        if (!used) {
            return false;
        }
        SyncRecord last = state.history().last();
        Instant now = days.clock().instant();
        if (last == null || !days.isToday(last.at())) {
            return true; // the first use today: what WeChat counted overnight, the limits of today
        }
        Limits limits = state.currentLimits();
        long available = state.counts().available();
        if (limits == null || !limits.hasDailyLimit() || available < 0) {
            return false;
        }
        double limit = limits.dailyLimit();
        double then = last.used() / limit;
        double usedShare = (limit - available) / limit;
        if (usedShare >= SHARES[0] && Duration.between(last.at(), now).compareTo(interval) >= 0) {
            return true; // in use all interval long, past half its limit
        }
        for (double share : SHARES) {
            if (then < share && usedShare >= share) {
                return true;
            }
        }
        return false;
    }
}
