package io.github.wechatquota.engine;

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
 * or sends it back to the permit. Calls whose results complete later run the same loop on the result's completion
 * ({@link AsyncCall}).
 */
final class CallPath {

    private static final Logger LOG = LoggerFactory.getLogger(CallPath.class);

    /** What one call through WeChat ended in, besides a result to return. */
    enum Step {
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

    final ErrcodeExtractor errcodes;
    private final Listeners listeners;
    private final Sleeper sleeper;
    final TokenCalls tokens;
    private final QuotaSyncer syncer;
    private final WaybillBalances waybills;
    final ExhaustionPolicy policies;
    private final Clock clock;
    private final Executor asyncExecutor;
    private final int retryMaxAttempts;
    private final Duration retryInitialBackoff;

    CallPath(QuotaGuardBuilder settings, ErrcodeExtractor errcodes, Listeners listeners, TokenCalls tokens,
            QuotaSyncer syncer, ClearCoordinator clears, WaybillBalances waybills, Executor asyncExecutor) {
        this.errcodes = errcodes;
        this.listeners = listeners;
        this.sleeper = settings.sleeper;
        this.tokens = tokens;
        this.syncer = syncer;
        this.waybills = waybills;
        this.policies = new ExhaustionPolicy(listeners, sleeper, clears, settings.clock, settings.clearEnabled,
                settings.maxWait);
        this.clock = settings.clock;
        this.asyncExecutor = asyncExecutor;
        this.retryMaxAttempts = settings.retryMaxAttempts;
        this.retryInitialBackoff = settings.retryInitialBackoff;
    }

    /**
     * One call whose result is there when {@code call.proceed} returns. Allocates nothing while permitted. The permitted
     * path calls no method whose signature names a class it never loads ({@link WaybillAccount}, {@link
     * ExhaustionPolicy.Exhaustion}): the JIT does not inline such a method, and each call left standing costs time.
     */
    <C> Object call(QuotaBinding binding, int cost, boolean usesWaybills, C context, GuardedCall<C> call)
            throws Throwable {
        KeyState state = binding.state();
        ExhaustionPolicy.Exhaustion exhaustion = null;
        boolean asked = false;
        while (true) {
            String why;
            boolean permitted = state.counts().tryAcquire(cost);
            if (!permitted && !asked && askedWeChat(state, cost)) {
                asked = true;
                continue;
            }
            if (permitted) {
                if (usesWaybills) {
                    WaybillAccount usedUp = balanceUsedUp(state, cost, context, call);
                    if (usedUp != null) {
                        return policies.balanceExhausted(binding, usedUp, context, call);
                    }
                }
                if (exhaustion == null) {
                    listeners.permitted(state.key);
                } else {
                    permitted(state, exhaustion);
                }
                Object outcome = attempts(state, context, call);
                if (!(outcome instanceof Limited limited)) {
                    return outcome;
                }
                why = "WeChat answered " + limited.errcode();
            } else {
                why = "no quota left before the call";
            }
            if (exhaustion == null) {
                exhaustion = policies.newExhaustion();
            }
            Object decided = policies.apply(binding, cost, context, call, exhaustion, why);
            if (decided != ExhaustionPolicy.TRY_AGAIN) {
                return decided;
            }
        }
    }

    /**
     * For an e-waybill order: the courier account whose balance is used up, the permit just taken given back; null when
     * the call names no courier account or one e-waybill was taken.
     */
    <C> WaybillAccount balanceUsedUp(KeyState state, int cost, C context, GuardedCall<C> call) {
        WaybillAccount account = call.waybillAccount(context);
        if (account == null || waybills.tryUse(state.key.appId(), account)) {
            return null;
        }
        state.counts().release(cost);
        return account;
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
                if (thrown == null && (errcode == ErrcodeExtractor.NONE || errcode == Errcodes.OK)) {
                    return result; // the common answer, ended here without the step's switch
                }
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
            state.counts().callDone();
        }
    }

    static CompletableFuture<Object> completion(Object result) {
        if (result instanceof CompletionStage<?> stage) {
            return stage.toCompletableFuture().thenApply(value -> (Object) value);
        }
        return CompletableFuture.completedFuture(result);
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Completes after {@code duration}, without holding a thread while the guard sleeps for real. */
    CompletableFuture<Void> after(Duration duration) {
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

    Step step(int errcode, int attempt, boolean tokenRefreshed) {
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

    Duration backoff(int attempt) {
        return retryInitialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }

    /**
     * Asks WeChat what remains (on this thread, once per call) before the permit is tried again, when the store lost the
     * quota's bucket and rebuilt it empty, or the last sync held calls back that WeChat may still allow; false when
     * neither.
     */
    boolean askedWeChat(KeyState state, int cost) {
        if (!state.lostSinceSync() && !state.mayAskWeChat(cost)) {
            return false;
        }
        syncer.syncOne(state);
        return true;
    }

    /** A permit was taken: heard as permitted, or as waited when a WAIT came before it. */
    void permitted(KeyState state, ExhaustionPolicy.Exhaustion exhaustion) {
        if (exhaustion != null && exhaustion.waitingSince() != 0) {
            listeners.waited(state.key, clock.millis() - exhaustion.waitingSince());
            exhaustion.waited();
            return;
        }
        listeners.permitted(state.key);
    }

    void limitedByWeChat(KeyState state, int errcode) {
        state.limitedByWeChat(errcode);
        listeners.limitedByWeChat(state.key, errcode);
        LOG.warn("WeChat answered {} for {} although the guard let the call through; the quota is drained until it "
                + "resets", errcode, state.key);
    }
}
