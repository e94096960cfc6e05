package io.github.wechatquota.engine;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.errcode.ErrcodeExtractor;
import io.github.wechatquota.wechat.Errcodes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of one guarded call, as one explicit loop: take a permit, call, read the errcode, retry what WeChat asks to
 * retry, and when the quota is used up (before the call, or WeChat said so) let the policy decide, which ends the call
 * or sends it back to the permit. Calls whose results complete later run the same loop on the result's completion.
 */
final class CallPath {

    private static final Logger LOG = LoggerFactory.getLogger(CallPath.class);

    /** The policy found a way through (a wait ended, a clear was made): take a permit again. */
    private static final Object TRY_AGAIN = new Object();

    /** What one call through WeChat ended in, besides a result to return. */
    private enum Step {
        /** Return what the call returned or threw. */
        DONE,
        /** WeChat answered 45009 or 45011: the quota is drained and the policy applies. */
        LIMITED,
        /** WeChat was busy (-1): call again after a backoff. */
        RETRY_BUSY,
        /** WeChat rejected the token: refresh it and call once more. */
        RETRY_TOKEN
    }

    /** WeChat limited the call: the errcode, for the policy's message. */
    private record Limited(int errcode) {
    }

    private final ErrcodeExtractor errcodes;
    private final Listeners listeners;
    private final Sleeper sleeper;
    private final TokenCalls tokens;
    private final ClearCoordinator clears;
    private final WaybillBalances waybills;
    private final Clock clock;
    private final Executor asyncExecutor;
    private final boolean clearEnabled;
    private final int retryMaxAttempts;
    private final Duration retryInitialBackoff;
    private final Duration maxWait;

    CallPath(QuotaGuardBuilder settings, ErrcodeExtractor errcodes, Listeners listeners, TokenCalls tokens,
            ClearCoordinator clears, WaybillBalances waybills, Executor asyncExecutor) {
        this.errcodes = errcodes;
        this.listeners = listeners;
        this.sleeper = settings.sleeper;
        this.tokens = tokens;
        this.clears = clears;
        this.waybills = waybills;
        this.clock = settings.clock;
        this.asyncExecutor = asyncExecutor;
        this.clearEnabled = settings.clearEnabled;
        this.retryMaxAttempts = settings.retryMaxAttempts;
        this.retryInitialBackoff = settings.retryInitialBackoff;
        this.maxWait = settings.maxWait;
    }

    /** One call whose result is there when {@code call.proceed} returns. Allocates nothing while permitted. */
    <C> Object call(GuardedApi.Binding binding, int cost, boolean usesWaybills, C context, GuardedCall<C> call)
            throws Throwable {
        KeyState state = binding.state();
        Exhaustion exhaustion = null;
        while (true) {
            String why;
            if (state.tryAcquire(cost)) {
                if (usesWaybills) {
                    WaybillAccount account = call.waybillAccount(context);
                    if (account != null && !waybills.tryUse(state.key.appId(), account)) {
                        state.release(cost);
                        return balanceExhausted(binding, account, context, call);
                    }
                }
                permitted(state, exhaustion);
                Object outcome = attempts(state, context, call);
                if (!(outcome instanceof Limited limited)) {
                    return outcome;
                }
                why = "WeChat answered " + limited.errcode();
            } else {
                why = "no quota left before the call";
            }
            if (exhaustion == null) {
                exhaustion = new Exhaustion(clock.millis() + maxWait.toMillis());
            }
            Object decided = policy(binding, cost, context, call, exhaustion, why);
            if (decided != TRY_AGAIN) {
                return decided;
            }
        }
    }

    /** The calls of one permit: retried while WeChat is busy or rejects the token; released once answered. */
    private <C> Object attempts(KeyState state, C context, GuardedCall<C> call) throws Throwable {
        int attempt = 1;
        boolean tokenRefreshed = false;
        try {
            while (true) {
                Object result = null;
                Throwable thrown = null;
                try {
                    result = call.proceed(context);
                } catch (Throwable t) {
                    thrown = t;
                }
                int errcode = thrown == null ? errcodes.fromResult(result) : errcodes.fromException(thrown);
                switch (step(errcode, attempt, tokenRefreshed)) {
                    case LIMITED -> {
                        limitedByWeChat(state, errcode);
                        return new Limited(errcode);
                    }
                    case RETRY_BUSY -> {
                        sleeper.sleep(backoff(attempt));
                        attempt++;
                    }
                    case RETRY_TOKEN -> {
                        tokens.provider().invalidate(state.key.appId(), null);
                        tokenRefreshed = true;
                    }
                    default -> {
                        if (thrown != null) {
                            throw thrown;
                        }
                        return result;
                    }
                }
            }
        } finally {
            state.callDone();
        }
    }

    /**
     * One call whose result completes later ({@code call.proceed} returns a {@link CompletionStage}, or null): counted,
     * and its errcode read, when it completes.
     */
    <C> CompletableFuture<Object> callAsync(GuardedApi.Binding binding, int cost, boolean usesWaybills, C context,
            GuardedCall<C> call) {
        return new AsyncCall<>(binding, cost, usesWaybills, context, call).permit();
    }

    /** The same loop as {@link #call}, one completion at a time. */
    private final class AsyncCall<C> {
        private final GuardedApi.Binding binding;
        private final KeyState state;
        private final int cost;
        private final boolean usesWaybills;
        private final C context;
        private final GuardedCall<C> call;
        private Exhaustion exhaustion;

        AsyncCall(GuardedApi.Binding binding, int cost, boolean usesWaybills, C context, GuardedCall<C> call) {
            this.binding = binding;
            this.state = binding.state();
            this.cost = cost;
            this.usesWaybills = usesWaybills;
            this.context = context;
            this.call = call;
        }

        CompletableFuture<Object> permit() {
            return permit("no quota left before the call");
        }

        private CompletableFuture<Object> permit(String whyIfNone) {
            String why = whyIfNone;
            try {
                while (true) {
                    if (state.tryAcquire(cost)) {
                        if (usesWaybills) {
                            WaybillAccount account = call.waybillAccount(context);
                            if (account != null && !waybills.tryUse(state.key.appId(), account)) {
                                state.release(cost);
                                return completion(balanceExhausted(binding, account, context, call));
                            }
                        }
                        permitted(state, exhaustion);
                        return attempt(1, false);
                    }
                    if (exhaustion == null) {
                        exhaustion = new Exhaustion(clock.millis() + maxWait.toMillis());
                    }
                    Object decided = policy(binding, cost, context, call, exhaustion, why);
                    if (decided != TRY_AGAIN) {
                        return completion(decided);
                    }
                    why = "no quota left before the call";
                }
            } catch (Throwable refused) {
                return CompletableFuture.failedFuture(refused);
            }
        }

        private CompletableFuture<Object> attempt(int attempt, boolean tokenRefreshed) {
            CompletableFuture<Object> made;
            try {
                made = completion(call.proceed(context));
            } catch (Throwable thrown) {
                made = CompletableFuture.failedFuture(thrown);
            }
            return made.handle((result, failure) -> answered(result, unwrap(failure), attempt, tokenRefreshed))
                    .thenCompose(next -> next);
        }

        private CompletableFuture<Object> answered(Object result, Throwable thrown, int attempt,
                boolean tokenRefreshed) {
            int errcode = thrown == null ? errcodes.fromResult(result) : errcodes.fromException(thrown);
            switch (step(errcode, attempt, tokenRefreshed)) {
                case LIMITED -> {
                    state.callDone();
                    limitedByWeChat(state, errcode);
                    return permitAfterLimit("WeChat answered " + errcode);
                }
                case RETRY_BUSY -> {
                    return after(backoff(attempt)).thenCompose(slept -> attempt(attempt + 1, tokenRefreshed));
                }
                case RETRY_TOKEN -> {
                    tokens.provider().invalidate(state.key.appId(), null);
                    return attempt(attempt, true);
                }
                default -> {
                    state.callDone();
                    return thrown != null ? CompletableFuture.failedFuture(thrown)
                            : CompletableFuture.completedFuture(result);
                }
            }
        }

        /** WeChat limited the call: the policy decides before any new permit is tried. */
        private CompletableFuture<Object> permitAfterLimit(String why) {
            try {
                if (exhaustion == null) {
                    exhaustion = new Exhaustion(clock.millis() + maxWait.toMillis());
                }
                Object decided = policy(binding, cost, context, call, exhaustion, why);
                return decided == TRY_AGAIN ? permit() : completion(decided);
            } catch (Throwable refused) {
                return CompletableFuture.failedFuture(refused);
            }
        }
    }

    private static CompletableFuture<Object> completion(Object result) {
        if (result instanceof CompletionStage<?> stage) {
            return stage.toCompletableFuture().thenApply(value -> (Object) value);
        }
        return CompletableFuture.completedFuture(result);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Completes after {@code duration}, without holding a thread while the guard sleeps for real. */
    private CompletableFuture<Void> after(Duration duration) {
        if (sleeper == Sleeper.THREAD) {
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS, asyncExecutor));
        }
        return CompletableFuture.runAsync(() -> sleep(duration), asyncExecutor);
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private Step step(int errcode, int attempt, boolean tokenRefreshed) {
        if (errcode == ErrcodeExtractor.NONE || errcode == Errcodes.OK) {
            return Step.DONE;
        }
        if (Errcodes.isQuotaExceeded(errcode)) {
            return Step.LIMITED;
        }
        if (Errcodes.isSystemBusy(errcode) && attempt < retryMaxAttempts) {
            return Step.RETRY_BUSY;
        }
        if (Errcodes.isTokenRejected(errcode) && !tokenRefreshed) {
            return Step.RETRY_TOKEN;
        }
        return Step.DONE;
    }

    private Duration backoff(int attempt) {
        return retryInitialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }

    /** A permit was taken: heard as permitted, or as waited when a WAIT came before it. */
    private void permitted(KeyState state, Exhaustion exhaustion) {
        if (exhaustion != null && exhaustion.waitingSince != 0) {
            listeners.waited(state.key, clock.millis() - exhaustion.waitingSince);
            exhaustion.waitingSince = 0;
            return;
        }
        listeners.permitted(state.key);
    }

    private void limitedByWeChat(KeyState state, int errcode) {
        state.limitedByWeChat(errcode);
        listeners.limitedByWeChat(state.key, errcode);
        LOG.warn("WeChat answered {} for {} although the guard let the call through; the quota is drained until it "
                + "resets", errcode, state.key);
    }

    /** What one call found while its quota was used up: how long it may still wait, whether it cleared already. */
    private static final class Exhaustion {
        /** One bound per call: a call WeChat refuses again after a wait does not start a new max-wait. */
        final long waitDeadline;
        long waitingSince;
        boolean cleared;

        Exhaustion(long waitDeadline) {
            this.waitDeadline = waitDeadline;
        }
    }

    /**
     * The policy for a call that found no quota: the fallback's result, {@link #TRY_AGAIN} once a way through was
     * found (a wait, a clear), or a {@link QuotaExhaustedException}.
     */
    private <C> Object policy(GuardedApi.Binding binding, int cost, C context, GuardedCall<C> call,
            Exhaustion exhaustion, String why) throws Throwable {
        KeyState state = binding.state();
        QuotaPolicy policy = binding.policy();
        switch (policy) {
            case FALLBACK -> {
                listeners.fallback(state.key);
                return call.fallback(context, state.exhausted(why + "; calling the fallback"));
            }
            case WAIT -> {
                long wait = state.millisUntilAvailable(cost);
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
                if (!state.dailyExhausted(cost)) {
                    throw reject(state, policy, why + "; a per-minute limit, which a clear does not reset");
                }
                if (!clearEnabled) {
                    throw reject(state, policy, why + "; CLEAR_AND_RETRY applies but clears are disabled: set "
                            + "wechat.quota.clear.enabled=true");
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
    private <C> Object balanceExhausted(GuardedApi.Binding binding, WaybillAccount account, C context,
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
