package io.github.wechatquota.invocation;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.GuardedCall;
import io.github.wechatquota.engine.WaybillAccount;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Methods returning Reactor's {@code Mono}: the guarded call runs when the {@code Mono} is subscribed, once per
 * subscription, and counts when it emits. Loaded only for such methods, so Reactor stays optional.
 */
final class MonoCalls {

    static final String MONO = "reactor.core.publisher.Mono";

    private MonoCalls() {
    }

    /** A {@code Mono} that makes the guarded call on subscription. */
    static Object defer(Supplier<CompletableFuture<Object>> guardedCall) {
        return Mono.defer(() -> Mono.fromFuture(guardedCall.get()));
    }

    /** The method's calls and fallbacks, their {@code Mono}s subscribed as stages the engine can follow. */
    static <C> GuardedCall<C> asStages(GuardedCall<C> direct) {
        return new GuardedCall<>() {
            @Override
            public Object proceed(C call) throws Throwable {
                return stage(direct.proceed(call));
            }

            @Override
            public Object fallback(C call, QuotaExhaustedException cause) throws Throwable {
                return stage(direct.fallback(call, cause));
            }

            @Override
            public WaybillAccount waybillAccount(C call) {
                return direct.waybillAccount(call);
            }
        };
    }

    private static Object stage(Object result) {
        return result instanceof Mono<?> mono ? mono.toFuture() : result;
    }
}
