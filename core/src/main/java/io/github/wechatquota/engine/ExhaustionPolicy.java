package io.github.wechatquota.engine;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.CgiPath;
import java.time.Clock;
import java.time.Duration;

/**
 * What happens to a call that finds its quota used up, before the call or because WeChat said so: the policy bound to
 * the method and account decides (REJECT, FALLBACK, WAIT, CLEAR_AND_RETRY). An e-waybill balance used up only
 * rejects or falls back: only a recharge helps.
 */
final class ExhaustionPolicy {

    /** The policy found a way through (a wait ended, a clear was made): take a permit again. */
    static final Object TRY_AGAIN = new Object();

    private final Listeners listeners;
    private final Sleeper sleeper;
    private final ClearCoordinator clears;
    private final Clock clock;
    private final boolean clearEnabled;
    private final Duration maxWait;

    ExhaustionPolicy(Listeners listeners, Sleeper sleeper, ClearCoordinator clears, Clock clock, boolean clearEnabled,
            Duration maxWait) {
        this.listeners = listeners;
        this.sleeper = sleeper;
        this.clears = clears;
        this.clock = clock;
        this.clearEnabled = clearEnabled;
        this.maxWait = maxWait;
    }

    /** What one call found while its quota was used up: how long it may still wait, whether it cleared already. */
    static final class Exhaustion {
        /** One bound per call: a call WeChat refuses again after a wait does not start a new max-wait. */
        private final long waitDeadline;
        private long waitingSince;
        private boolean cleared;

        private Exhaustion(long waitDeadline) {
            this.waitDeadline = waitDeadline;
        }

        /** When the call began to wait, or 0 when it is not waiting. */
        long waitingSince() {
            return waitingSince;
        }

        /** The wait ended in a permit. */
        void waited() {
            waitingSince = 0;
        }
    }

    /** The state of a call that just found its quota used up. */
    Exhaustion newExhaustion() {
        return new Exhaustion(clock.millis() + maxWait.toMillis());
    }

    /**
     * The policy for a call that found no quota: the fallback's result, {@link #TRY_AGAIN} once a way through was
     * found (a wait, a clear), or a {@link QuotaExhaustedException}.
     */
    <C> Object apply(QuotaBinding binding, int cost, C context, GuardedCall<C> call,
            Exhaustion exhaustion, String why) throws Throwable {
        KeyState state = binding.state();
        QuotaPolicy policy = binding.policy();
        switch (policy) {
            case FALLBACK -> {
                listeners.fallback(state.key);
                return call.fallback(context, state.exhausted(why + "; calling the fallback"));
            }
            case WAIT -> {
                long wait = state.counts().millisUntilAvailable(cost);
                if (wait < 0 || clock.millis() + wait > exhaustion.waitDeadline) {
                    throw reject(state, policy, why + "; waiting for it would take longer than max-wait " + maxWait);
                }
                if (exhaustion.waitingSince == 0) {
                    exhaustion.waitingSince = clock.millis();
                }
                sleeper.sleep(Duration.ofMillis(Math.max(1, wait)));
                return TRY_AGAIN;
            }
            case CLEAR_AND_RETRY -> {
                if (!CgiPath.resetByClear(state.key.cgiPath())) {
                    throw reject(state, policy, why + "; a clear does not reset " + state.key.cgiPath()
                            + ", whose limit is a total for the account's lifetime, so none is spent");
                }
                if (!state.counts().dailyExhausted(cost)) {
                    throw reject(state, policy, why + "; a per-minute limit, which a clear does not reset");
                }
                if (!clearEnabled) {
                    throw reject(state, policy, why + "; CLEAR_AND_RETRY applies but clears are disabled: set "
                            + "wechat.quota.clear.enabled=true (QuotaGuard.builder().clears(true, n) without Spring)");
                }
                if (exhaustion.cleared) {
                    throw reject(state, policy, why + " again right after a clear; not clearing twice");
                }
                ClearResult result = clears.clearOnce(state.key.appId(), clock.millis());
                if (result != ClearResult.CLEARED && result != ClearResult.ALREADY_CLEARED) {
                    throw reject(state, policy, why + "; clear " + result.tag().replace('_', ' '));
                }
                exhaustion.cleared = true;
                return TRY_AGAIN;
            }
            default -> throw reject(state, policy, why);
        }
    }

    /** The e-waybill balance is used up: only a recharge helps, so WAIT and CLEAR_AND_RETRY reject. */
    <C> Object balanceExhausted(QuotaBinding binding, WaybillAccount account, C context,
            GuardedCall<C> call) throws Throwable {
        KeyState state = binding.state();
        QuotaExhaustedException exhausted = new QuotaExhaustedException(state.key.appId(), state.key.cgiPath(),
                state.currentLimits().dailyLimit(), null, "The e-waybill balance of " + account.deliveryId() + "/"
                        + account.bizId() + " is used up; recharge it with the courier");
        if (binding.policy() == QuotaPolicy.FALLBACK) {
            listeners.fallback(state.key);
            return call.fallback(context, exhausted);
        }
        listeners.rejected(state.key, binding.policy());
        throw exhausted;
    }

    private QuotaExhaustedException reject(KeyState state, QuotaPolicy policy, String why) {
        listeners.rejected(state.key, policy);
        return state.exhausted(why + " (policy " + policy + ")");
    }
}
