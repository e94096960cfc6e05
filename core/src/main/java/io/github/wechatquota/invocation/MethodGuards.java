package io.github.wechatquota.invocation;

import io.github.wechatquota.engine.QuotaGuard;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads {@code @WeChatApi} methods into {@link GuardedMethod}s for one guard: one per adapter, kept for its lifetime.
 *
 * <pre>{@code
 * MethodGuards guards = MethodGuards.of(guard);
 * GuardedMethod<MyCall> send = guards.guard(method, invoker).orElseThrow();
 * Object result = send.invoke(call);
 * }</pre>
 */
public final class MethodGuards {

    private final QuotaGuard guard;
    private final AppIdResolver.Parser appIds;

    private MethodGuards(QuotaGuard guard, AppIdResolver.Parser appIds) {
        this.guard = guard;
        this.appIds = appIds;
    }

    /** Guards methods with {@code guard}, reading appIds in the forms of {@link AppIdResolver#simple}. */
    public static MethodGuards of(QuotaGuard guard) {
        return new MethodGuards(Objects.requireNonNull(guard, "guard"), AppIdResolver::simple);
    }

    /** The same, reading appIds with {@code parser} (the Spring starter's SpEL, say). */
    public MethodGuards withAppIds(AppIdResolver.Parser parser) {
        return new MethodGuards(guard, Objects.requireNonNull(parser, "parser"));
    }

    /**
     * Reads the method's {@code @WeChatApi} and registers its API with the guard.
     *
     * @return empty when the method carries no {@code @WeChatApi}
     * @throws IllegalArgumentException naming the method and the fix when its annotation is wrong (a malformed path, a
     *     fallback that does not fit, an appId that names no parameter, a policy it cannot follow)
     */
    public <C> Optional<GuardedMethod<C>> guard(Method method, MethodInvoker<C> invoker) {
        Objects.requireNonNull(invoker, "invoker");
        return AnnotatedMethod.of(method).map(annotated -> new GuardedMethod<>(annotated, guard,
                appIds.parse(method, method.getAnnotation(io.github.wechatquota.annotation.WeChatApi.class).appId()),
                invoker));
    }
}
