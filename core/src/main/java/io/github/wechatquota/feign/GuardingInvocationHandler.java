package io.github.wechatquota.feign;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.AnnotatedMethod;
import io.github.wechatquota.engine.AppIdExpression;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.GuardedCall;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.WaybillAccount;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Guards the annotated methods of one Feign client; everything is resolved when the client is built. */
final class GuardingInvocationHandler implements InvocationHandler {

    /** What one call hands the guard: the proxy (for a default-method fallback) and the arguments. */
    private record FeignCall(Object proxy, Object[] args) {
    }

    private record GuardedMethod(GuardedApi api, AppIdExpression appId, GuardedCall<FeignCall> call) {
    }

    private final QuotaGuard guard;
    private final InvocationHandler inner;
    private final Map<Method, GuardedMethod> guarded = new HashMap<>();

    GuardingInvocationHandler(QuotaGuard guard, Class<?> type, InvocationHandler inner) {
        this.guard = guard;
        this.inner = inner;
        for (Method method : type.getMethods()) {
            Optional<AnnotatedMethod> annotated = AnnotatedMethod.of(method);
            annotated.ifPresent(found -> guarded.put(method, guardedMethod(found)));
        }
    }

    private GuardedMethod guardedMethod(AnnotatedMethod annotated) {
        Method method = annotated.method();
        Method fallback = annotated.fallback();
        boolean staticFallback = fallback != null && Modifier.isStatic(fallback.getModifiers());
        if (fallback != null && !staticFallback && Modifier.isPrivate(fallback.getModifiers())) {
            // The proxy can call only its interface's default (or abstract) methods; found now, not at exhaustion.
            throw new IllegalArgumentException("@WeChatApi on " + method.getDeclaringClass().getSimpleName() + "."
                    + method.getName() + ": fallbackMethod '" + fallback.getName() + "' is private; a Feign client "
                    + "calls a default or static method of its interface");
        }
        AppIdExpression appId = AppIdExpression.parse(method,
                method.getAnnotation(io.github.wechatquota.annotation.WeChatApi.class).appId());
        GuardedCall<FeignCall> call = new GuardedCall<>() {
            @Override
            public Object proceed(FeignCall context) throws Throwable {
                return inner.invoke(context.proxy(), method, context.args());
            }

            @Override
            public WaybillAccount waybillAccount(FeignCall context) {
                return WaybillAccount.find(context.args()).orElse(null);
            }

            @Override
            public Object fallback(FeignCall context, QuotaExhaustedException cause) throws Throwable {
                if (annotated.fallback() == null) {
                    throw cause;
                }
                Object[] args = annotated.fallbackArguments(context.args(), cause);
                if (fallback.isDefault()) {
                    return InvocationHandler.invokeDefault(context.proxy(), fallback, args);
                }
                try {
                    return fallback.invoke(staticFallback ? null : context.proxy(), args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        GuardedApi api = guard.register(annotated.definition());
        if (appId.isConstant()) {
            api.bind(appId.resolve(null));
        }
        return new GuardedMethod(api, appId, call);
    }

    /** Calls the method; a Feign exception leaves with its access token masked, guarded method or not. */
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        GuardedMethod target = guarded.get(method);
        try {
            if (target == null) {
                if (method.getName().equals("equals") && method.getParameterCount() == 1) {
                    return isSameClient(args[0]);
                }
                return inner.invoke(proxy, method, args);
            }
            return guard.call(target.api(), target.appId().resolve(args), new FeignCall(proxy, args), target.call());
        } catch (feign.FeignException thrown) {
            throw TokenFreeExceptions.redact(thrown);
        }
    }

    /** Feign's equality compares handlers; compare the wrapped ones, as if this wrapper were not there. */
    private boolean isSameClient(Object other) {
        if (other == null || !java.lang.reflect.Proxy.isProxyClass(other.getClass())) {
            return false;
        }
        InvocationHandler handler = java.lang.reflect.Proxy.getInvocationHandler(other);
        return inner.equals(handler instanceof GuardingInvocationHandler wrapper ? wrapper.inner : handler);
    }

    @Override
    public boolean equals(Object other) {
        return inner.equals(other instanceof GuardingInvocationHandler wrapper ? wrapper.inner : other);
    }

    @Override
    public int hashCode() {
        return inner.hashCode();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
