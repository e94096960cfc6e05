package io.github.wechatquota.invocation;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.GuardedCall;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.WaybillAccount;
import io.github.wechatquota.internal.WaybillOrders;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A {@code @WeChatApi} method of one client kind, with everything about it resolved once: its definition, its quota
 * registration, its appId resolver, its fallback, whether it uses e-waybills, and how its result completes. Every call
 * of the method goes through {@link #invoke}. Obtain one from {@link MethodGuards}.
 *
 * <p>Results: a method returning a {@link CompletionStage} (or {@code CompletableFuture}) is counted, and its errcode
 * read, when the stage completes; one returning Reactor's {@code Mono} when it emits, for each subscription; any other
 * result when the method returns.
 *
 * @param <C> what one call of the client kind is; see {@link MethodInvoker}
 */
public final class GuardedMethod<C> {

    /** How the method's result arrives. */
    enum Completion {
        /** When the method returns. */
        AT_ONCE,
        /** When the returned {@link CompletionStage} completes. */
        STAGE,
        /** When the returned {@code Mono} emits, once per subscription. */
        MONO;

        static Completion of(Class<?> returnType) {
            if (CompletionStage.class.isAssignableFrom(returnType)) {
                return STAGE;
            }
            return returnType.getName().equals(MonoCalls.MONO) ? MONO : AT_ONCE;
        }
    }

    private final AnnotatedMethod annotated;
    private final QuotaGuard guard;
    private final GuardedApi api;
    private final AppIdResolver appId;
    private final String constantAppId;
    private final Completion completion;
    private final MethodInvoker<C> invoker;
    private final GuardedCall<C> call;

    GuardedMethod(AnnotatedMethod annotated, QuotaGuard guard, AppIdResolver appId, MethodInvoker<C> invoker) {
        this.annotated = annotated;
        this.guard = guard;
        this.appId = appId;
        this.invoker = invoker;
        this.completion = Completion.of(annotated.method().getReturnType());
        this.api = guard.register(annotated.definition());
        this.constantAppId = appId.isConstant() ? appId.resolve(null) : null;
        if (appId.isConstant()) {
            api.bind(constantAppId); // its quota exists, and is synced, before the first call
        }
        GuardedCall<C> direct = new DirectCall<>(annotated, invoker);
        this.call = completion == Completion.MONO ? MonoCalls.asStages(direct) : direct;
    }

    /** The guarded method. */
    public Method method() {
        return annotated.method();
    }

    /** What its annotation declares. */
    public ApiDefinition definition() {
        return annotated.definition();
    }

    /** Its fallback method, if it names one. */
    public Optional<Method> fallback() {
        return Optional.ofNullable(annotated.fallback());
    }

    /**
     * Makes one guarded call: resolves the account, takes the API's cost from its quota, calls through the invoker,
     * reads the errcode of the result, and applies the policy when the quota is used up.
     *
     * @return what the method (or its fallback) returned; for a method returning a {@link CompletionStage} or a
     *     {@code Mono}, one of the same kind that completes when the guarded call does
     * @throws QuotaExhaustedException when the quota is used up and the policy finds no way through (for results that
     *     complete later: the result completes with it)
     * @throws IllegalArgumentException when the call names no account
     */
    public Object invoke(C call) throws Throwable {
        String account = appId.isConstant() ? constantAppId : appId.resolve(invoker.arguments(call));
        return switch (completion) {
            case AT_ONCE -> guard.call(api, account, call, this.call);
            case STAGE -> guard.callAsync(api, account, call, this.call);
            case MONO -> MonoCalls.defer(() -> guard.callAsync(api, account, call, this.call));
        };
    }

    @Override
    public String toString() {
        return "GuardedMethod[" + annotated.method() + " -> " + annotated.definition().cgiPath() + "]";
    }

    /** The engine's view of a call of the method: the invoker's call, fallback and e-waybill account. */
    private static final class DirectCall<C> implements GuardedCall<C> {
        private final AnnotatedMethod annotated;
        private final MethodInvoker<C> invoker;

        DirectCall(AnnotatedMethod annotated, MethodInvoker<C> invoker) {
            this.annotated = annotated;
            this.invoker = invoker;
        }

        @Override
        public Object proceed(C call) throws Throwable {
            return invoker.proceed(call);
        }

        @Override
        public Object fallback(C call, QuotaExhaustedException cause) throws Throwable {
            Method fallback = annotated.fallback();
            if (fallback == null) {
                throw cause;
            }
            return invoker.fallback(call, fallback, annotated.fallbackArguments(invoker.arguments(call), cause));
        }

        @Override
        public WaybillAccount waybillAccount(C call) {
            return WaybillOrders.usesWaybills(annotated.definition().cgiPath())
                    ? WaybillAccounts.find(invoker.arguments(call)).orElse(null) : null;
        }
    }
}
