package io.github.wechatquota.spring.aop;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.AnnotatedMethod;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.GuardedCall;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.WaybillAccount;
import io.github.wechatquota.feign.WeChatQuotaCapability;
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
 * Guards {@code @WeChatApi} methods of Spring beans. Everything about a method (definition, appid expression,
 * fallback) is resolved on its first call and kept; the aspect itself only looks that up and hands the call to the
 * guard. Calls on a Feign client the capability already guards pass straight through, so nothing is counted twice.
 */
@Aspect
public final class WeChatApiAspect implements Ordered {

    /** What the aspect knows of one method. */
    private record MethodGuard(GuardedApi api, AppIdResolver appId, GuardedCall<ProceedingJoinPoint> call) {
    }

    private static final GuardedCall<ProceedingJoinPoint> PROCEED = ProceedingJoinPoint::proceed;

    private final Supplier<QuotaGuard> guardSupplier;
    private final int order;
    private final Map<Method, MethodGuard> methods = new ConcurrentHashMap<>();
    private volatile QuotaGuard guard;

    /**
     * @param guard the guard, looked up on first use: aspects are created early, before the beans a guard needs
     * @param order the aspect's order; by default it runs inside transaction and retry aspects, counting each attempt
     */
    public WeChatApiAspect(Supplier<QuotaGuard> guard, int order) {
        this.guardSupplier = guard;
        this.order = order;
    }

    private QuotaGuard guard() {
        QuotaGuard current = guard;
        if (current == null) {
            current = guardSupplier.get();
            guard = current;
        }
        return current;
    }

    @Around("@annotation(io.github.wechatquota.annotation.WeChatApi)")
    public Object guard(ProceedingJoinPoint joinPoint) throws Throwable {
        if (WeChatQuotaCapability.isGuarded(joinPoint.getTarget())) {
            return joinPoint.proceed();
        }
        Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
        MethodGuard target = methods.get(method);
        if (target == null) {
            target = methods.computeIfAbsent(method, this::resolve);
        }
        String appId = target.appId().isConstant() ? target.appId().constant()
                : target.appId().resolve(joinPoint.getArgs());
        return guard().call(target.api(), appId, joinPoint, target.call());
    }

    /**
     * Registers a method ahead of its first call, so that start-up sync covers its quota.
     *
     * @throws IllegalArgumentException when its annotation is wrong
     */
    public void register(Method method) {
        methods.computeIfAbsent(method, this::resolve);
    }

    private MethodGuard resolve(Method method) {
        AnnotatedMethod annotated = AnnotatedMethod.of(method).orElseThrow(() -> new IllegalStateException(
                "No @WeChatApi on " + method));
        AppIdResolver appId = AppIdResolver.of(method,
                method.getAnnotation(io.github.wechatquota.annotation.WeChatApi.class).appId());
        GuardedApi api = guard().register(annotated.definition());
        if (appId.isConstant()) {
            api.bind(appId.constant());
        }
        GuardedCall<ProceedingJoinPoint> call = annotated.fallback() == null && !usesWaybills(annotated)
                ? PROCEED : withFallback(annotated);
        return new MethodGuard(api, appId, call);
    }

    private static boolean usesWaybills(AnnotatedMethod annotated) {
        return annotated.definition().cgiPath().equals("/cgi-bin/express/business/order/add");
    }

    private static GuardedCall<ProceedingJoinPoint> withFallback(AnnotatedMethod annotated) {
        return new GuardedCall<>() {
            @Override
            public Object proceed(ProceedingJoinPoint joinPoint) throws Throwable {
                return joinPoint.proceed();
            }

            @Override
            public WaybillAccount waybillAccount(ProceedingJoinPoint joinPoint) {
                return WaybillAccount.find(joinPoint.getArgs()).orElse(null);
            }

            @Override
            public Object fallback(ProceedingJoinPoint joinPoint, QuotaExhaustedException cause) throws Throwable {
                if (annotated.fallback() == null) {
                    throw cause;
                }
                try {
                    return annotated.fallback().invoke(joinPoint.getTarget(),
                            annotated.fallbackArguments(joinPoint.getArgs(), cause));
                } catch (InvocationTargetException e) {
                    throw e.getTargetException();
                }
            }
        };
    }

    @Override
    public int getOrder() {
        return order;
    }
}
