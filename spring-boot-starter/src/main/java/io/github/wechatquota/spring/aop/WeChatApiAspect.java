package io.github.wechatquota.spring.aop;

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
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.springframework.core.Ordered;

/**
 * Guards {@code @WeChatApi} methods of Spring beans (and of Spring's HTTP service client proxies). Everything about a
 * method is resolved on its first call into a {@link GuardedMethod} and kept; the aspect only looks that up and says
 * how a join point is called. Calls on a Feign client the capability already guards pass straight through, so nothing
 * is counted twice.
 */
@Aspect
public final class WeChatApiAspect implements Ordered {

    /** How a Spring bean's method is called: the join point proceeds; the fallback is a method of the target. */
    private static final MethodInvoker<ProceedingJoinPoint> JOIN_POINTS = new MethodInvoker<>() {
        @Override
        public Object proceed(ProceedingJoinPoint joinPoint) throws Throwable {
            return joinPoint.proceed();
        }

        @Override
        public Object[] arguments(ProceedingJoinPoint joinPoint) {
            return joinPoint.getArgs();
        }

        @Override
        public Object fallback(ProceedingJoinPoint joinPoint, Method fallback, Object[] arguments) throws Throwable {
            try {
                return fallback.invoke(joinPoint.getTarget(), arguments);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        }
    };

    private final Supplier<QuotaGuard> guardSupplier;
    private final int order;
    private final Map<Method, GuardedMethod<ProceedingJoinPoint>> methods = new ConcurrentHashMap<>();
    private volatile MethodGuards guards;

    /**
     * @param guard the guard, looked up on first use: aspects are created early, before the beans a guard needs
     * @param order the aspect's order; by default it runs inside transaction and retry aspects, counting each attempt
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

    @Around("@annotation(io.github.wechatquota.annotation.WeChatApi)")
    public Object guard(ProceedingJoinPoint joinPoint) throws Throwable {
        if (WeChatQuotaCapability.isGuarded(joinPoint.getTarget())) {
            return joinPoint.proceed();
        }
        Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
        GuardedMethod<ProceedingJoinPoint> target = methods.get(method);
        if (target == null) {
            target = methods.computeIfAbsent(method, this::resolve);
        }
        return target.invoke(joinPoint);
    }

    /**
     * Registers a method ahead of its first call, so that start-up sync covers its quota.
     *
     * @throws IllegalArgumentException when its annotation is wrong
     */
    public void register(Method method) {
        methods.computeIfAbsent(method, this::resolve);
    }

    private GuardedMethod<ProceedingJoinPoint> resolve(Method method) {
        return guards().guard(method, JOIN_POINTS)
                .orElseThrow(() -> new IllegalStateException("No @WeChatApi on " + method));
    }

    @Override
    public int getOrder() {
        return order;
    }
}
