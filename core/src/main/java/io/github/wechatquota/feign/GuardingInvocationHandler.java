package io.github.wechatquota.feign;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.invocation.GuardedMethod;
import io.github.wechatquota.invocation.MethodGuards;
import io.github.wechatquota.invocation.MethodInvoker;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/** Guards the annotated methods of one Feign client; everything is resolved when the client is built. */
final class GuardingInvocationHandler implements InvocationHandler {

    /** One call: the proxy (for a default-method fallback), the method and its arguments. */
    private record FeignCall(Object proxy, Method method, Object[] args) {
    }

    /** How a Feign client calls: through the handler it wraps; fallbacks are its interface's default or static methods. */
    private static final class FeignInvoker implements MethodInvoker<FeignCall> {
        private final InvocationHandler inner;

        FeignInvoker(InvocationHandler inner) {
            this.inner = inner;
        }

        @Override
        public Object proceed(FeignCall call) throws Throwable {
            return inner.invoke(call.proxy(), call.method(), call.args());
        }

        @Override
        public Object[] arguments(FeignCall call) {
            return call.args();
        }

        @Override
        public Object fallback(FeignCall call, Method fallback, Object[] arguments) throws Throwable {
            if (fallback.isDefault()) {
                return InvocationHandler.invokeDefault(call.proxy(), fallback, arguments);
            }
            try {
                return fallback.invoke(Modifier.isStatic(fallback.getModifiers()) ? null : call.proxy(), arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private final InvocationHandler inner;
    private final Map<Method, GuardedMethod<FeignCall>> guarded = new HashMap<>();

    GuardingInvocationHandler(QuotaGuard guard, Class<?> type, InvocationHandler inner) {
        this.inner = inner;
        MethodGuards guards = MethodGuards.of(guard);
        FeignInvoker invoker = new FeignInvoker(inner);
        for (Method method : type.getMethods()) {
            guards.guard(method, invoker).ifPresent(found -> guarded.put(method, checked(found)));
        }
    }

    /** The proxy can call only its interface's default (or static) methods: found now, not at exhaustion. */
    private static GuardedMethod<FeignCall> checked(GuardedMethod<FeignCall> guardedMethod) {
        guardedMethod.fallback().ifPresent(fallback -> {
            if (!Modifier.isStatic(fallback.getModifiers()) && Modifier.isPrivate(fallback.getModifiers())) {
                Method method = guardedMethod.method();
                throw new IllegalArgumentException("@WeChatApi on " + method.getDeclaringClass().getSimpleName() + "."
                        + method.getName() + ": fallbackMethod '" + fallback.getName() + "' is private; a Feign "
                        + "client calls a default or static method of its interface");
            }
        });
        return guardedMethod;
    }

    /** Calls the method; a Feign exception leaves with its access token masked, guarded method or not. */
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        GuardedMethod<FeignCall> target = guarded.get(method);
        try {
            if (target == null) {
                if (method.getName().equals("equals") && method.getParameterCount() == 1) {
                    return isSameClient(args[0]);
                }
                return inner.invoke(proxy, method, args);
            }
            return target.invoke(new FeignCall(proxy, method, args));
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
