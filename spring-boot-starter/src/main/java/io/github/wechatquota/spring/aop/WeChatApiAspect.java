package io.github.wechatquota.spring.aop;

import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.feign.WeChatQuotaCapability;
import io.github.wechatquota.invocation.GuardedMethod;
import io.github.wechatquota.invocation.MethodGuards;
import io.github.wechatquota.invocation.MethodInvoker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Pointcut;
import org.springframework.aop.PointcutAdvisor;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.core.Ordered;

/**
 * Guards {@code @WeChatApi} methods of Spring beans (and of Spring's HTTP service client proxies). Everything about a
 * method is resolved on its first call into a {@link GuardedMethod} and kept; the aspect only looks that up and says
 * how an invocation is called. Calls on a Feign client the capability already guards pass straight through, so nothing
 * is counted twice.
 *
 * <p>An advisor, as Spring wires {@code @Transactional}: its pointcut matches a method annotated {@code @WeChatApi}
 * (on the called method or on the target class's implementation of it) once, when a bean is proxied. An
 * {@code @Aspect} with an {@code @annotation} pointcut, which Spring matches again at every call, cost more per call
 * than the guard itself (docs/benchmarks.md).
 */
public final class WeChatApiAspect implements PointcutAdvisor, MethodInterceptor, Ordered {

    private static final Pointcut ANNOTATED = new AnnotationMatchingPointcut(null, WeChatApi.class, false);

    /** How a Spring bean's method is called: the invocation proceeds; the fallback is a method of the target. */
    private static final MethodInvoker<MethodInvocation> INVOCATIONS = new MethodInvoker<>() {
        @Override
        public Object proceed(MethodInvocation invocation) throws Throwable {
            // A copy per attempt, as an @Around's proceed makes: a retried call runs the rest of the chain again.
            return invocation instanceof ProxyMethodInvocation proxied ? proxied.invocableClone().proceed()
                    : invocation.proceed();
        }

        @Override
        public Object[] arguments(MethodInvocation invocation) {
            return invocation.getArguments().clone();
        }

        @Override
        public Object fallback(MethodInvocation invocation, Method fallback, Object[] arguments) throws Throwable {
            try {
                return fallback.invoke(invocation.getThis(), arguments);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        }
    };

    private final Supplier<QuotaGuard> guardSupplier;
    private final int order;
    private final Map<Method, GuardedMethod<MethodInvocation>> methods = new ConcurrentHashMap<>();
    private volatile MethodGuards guards;

    /**
     * @param guard the guard, looked up on first use: advisors are created early, before the beans a guard needs
     * @param order the advisor's order; by default it runs inside transaction and retry advice, counting each attempt
     */
    public WeChatApiAspect(Supplier<QuotaGuard> guard, int order) {
        this.guardSupplier = guard;
        this.order = order;
    }

    private MethodGuards guards() {
        MethodGuards current = guards;
        if (current == null) {
            current = MethodGuards.of(guardSupplier.get()).withAppIds(new SpelAppIds());
            guards = current;
        }
        return current;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        if (WeChatQuotaCapability.isGuarded(invocation.getThis())) {
            return invocation.proceed();
        }
        Method method = invocation.getMethod();
        GuardedMethod<MethodInvocation> target = methods.get(method);
        if (target == null) {
            target = methods.computeIfAbsent(method, this::resolve);
        }
        return target.invoke(invocation);
    }

    /**
     * Registers a method ahead of its first call, so that start-up sync covers its quota.
     *
     * @throws IllegalArgumentException when its annotation is wrong
     */
    public void register(Method method) {
        methods.computeIfAbsent(method, this::resolve);
    }

    private GuardedMethod<MethodInvocation> resolve(Method method) {
        return guards().guard(method, INVOCATIONS)
                .orElseThrow(() -> new IllegalStateException("No @WeChatApi on " + method));
    }

    @Override
    public Pointcut getPointcut() {
        return ANNOTATED;
    }

    @Override
    public Advice getAdvice() {
        return this;
    }

    @Override
    public boolean isPerInstance() {
        return true;
    }

    @Override
    public int getOrder() {
        return order;
    }
}
