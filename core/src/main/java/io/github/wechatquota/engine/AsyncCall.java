package io.github.wechatquota.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One call whose result completes later ({@code call.proceed} returns a {@link CompletionStage}, or null): the loop of
 * {@link CallPath#call}, one completion at a time, so the call is counted, and its errcode read, when it completes.
 */
final class AsyncCall<C> {
    private final CallPath path;
    private final QuotaBinding binding;
    private final KeyState state;
    private final int cost;
    private final boolean usesWaybills;
    private final C context;
    private final GuardedCall<C> call;
    private ExhaustionPolicy.Exhaustion exhaustion;
    private boolean asked;

    AsyncCall(CallPath path, QuotaBinding binding, int cost, boolean usesWaybills, C context, GuardedCall<C> call) {
        this.path = path;
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

    /** Takes a permit and calls, or lets the policy decide; {@code whyIfNone} says why a first refusal came. */
    private CompletableFuture<Object> permit(String whyIfNone) {
        String why = whyIfNone;
        try {
            while (true) {
                boolean permitted = state.counts().tryAcquire(cost);
                if (!permitted && !asked && path.askedWeChat(state, cost)) {
                    asked = true;
                    continue;
                }
                if (permitted) {
                    WaybillAccount usedUp = usesWaybills ? path.balanceUsedUp(state, cost, context, call) : null;
                    if (usedUp != null) {
                        return CallPath.completion(path.policies.balanceExhausted(binding, usedUp, context, call));
                    }
                    path.permitted(state, exhaustion);
                    return attempt(1, false);
                }
                if (exhaustion == null) {
                    exhaustion = path.policies.newExhaustion();
                }
                Object decided = path.policies.apply(binding, cost, context, call, exhaustion, why);
                if (decided != ExhaustionPolicy.TRY_AGAIN) {
                    return CallPath.completion(decided);
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
            made = CallPath.completion(call.proceed(context));
        } catch (Throwable thrown) {
            made = CompletableFuture.failedFuture(thrown);
        }
        return made.handle((result, failure) -> answered(result, CallPath.unwrap(failure), attempt, tokenRefreshed))
                .thenCompose(next -> next);
    }

    private CompletableFuture<Object> answered(Object result, Throwable thrown, int attempt,
            boolean tokenRefreshed) {
        int errcode = thrown == null ? path.errcodes.fromResult(result) : path.errcodes.fromException(thrown);
        switch (path.step(errcode, attempt, tokenRefreshed)) {
            case LIMITED -> {
                state.counts().callDone();
                path.limitedByWeChat(state, errcode);
                // The drained (or briefly blocked) quota refuses a permit: the policy decides, as on the call path.
                return permit("WeChat answered " + errcode);
            }
            case RETRY_BUSY -> {
                return path.after(path.backoff(attempt)).thenCompose(slept -> attempt(attempt + 1, tokenRefreshed));
            }
            case RETRY_TOKEN -> {
                path.tokens.provider().invalidate(state.key.appId(), null);
                return attempt(attempt, true);
            }
            default -> {
                state.counts().callDone();
                return thrown != null ? CompletableFuture.failedFuture(thrown)
                        : CompletableFuture.completedFuture(result);
            }
        }
    }
}
