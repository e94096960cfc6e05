package io.github.wechatquota.invocation;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.ApiDefinition;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * A method carrying {@link WeChatApi}, read and checked once: its definition and its fallback method, if any. Every
 * client kind uses it through {@link GuardedMethod}, so that all agree on what an annotation means.
 *
 * @param method the annotated method
 * @param definition what the annotation declares
 * @param fallback the fallback method, or {@code null}
 * @param fallbackTakesException whether the fallback's last parameter is the {@link QuotaExhaustedException}
 */
record AnnotatedMethod(Method method, ApiDefinition definition, Method fallback, boolean fallbackTakesException) {

    /**
     * Reads the method's annotation.
     *
     * @return empty when the method carries no {@link WeChatApi}
     * @throws IllegalArgumentException naming the method when the annotation is wrong
     */
    static Optional<AnnotatedMethod> of(Method method) {
        WeChatApi annotation = method.getAnnotation(WeChatApi.class);
        if (annotation == null) {
            return Optional.empty();
        }
        ApiDefinition definition;
        try {
            definition = ApiDefinition.of(annotation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@WeChatApi on " + AppIdExpression.describe(method) + ": "
                    + e.getMessage(), e);
        }
        if (annotation.fallbackMethod().isEmpty()) {
            return Optional.of(new AnnotatedMethod(method, definition, null, false));
        }
        return Optional.of(withFallback(method, definition, annotation.fallbackMethod()));
    }

    private static AnnotatedMethod withFallback(Method method, ApiDefinition definition, String name) {
        Class<?>[] parameters = method.getParameterTypes();
        Class<?>[] withException = Arrays.copyOf(parameters, parameters.length + 1);
        withException[parameters.length] = QuotaExhaustedException.class;
        for (Method candidate : candidates(method.getDeclaringClass())) {
            if (!candidate.getName().equals(name)) {
                continue;
            }
            boolean plain = Arrays.equals(candidate.getParameterTypes(), parameters);
            boolean takesException = Arrays.equals(candidate.getParameterTypes(), withException);
            if ((plain || takesException) && method.getReturnType().isAssignableFrom(candidate.getReturnType())) {
                candidate.setAccessible(true);
                return new AnnotatedMethod(method, definition, candidate, takesException);
            }
        }
        throw new IllegalArgumentException("@WeChatApi on " + AppIdExpression.describe(method) + ": fallbackMethod '"
                + name + "' not found; declare " + method.getReturnType().getSimpleName() + " " + name + "("
                + Arrays.stream(parameters).map(Class::getSimpleName).reduce((a, b) -> a + ", " + b).orElse("")
                + ") in " + method.getDeclaringClass().getSimpleName()
                + ", optionally with a trailing QuotaExhaustedException parameter");
    }

    private static Iterable<Method> candidates(Class<?> type) {
        java.util.List<Method> methods = new java.util.ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
        methods.addAll(Arrays.asList(type.getMethods()));
        return methods;
    }

    /** The arguments for the fallback: the call's, plus the exception when the fallback takes it. */
    Object[] fallbackArguments(Object[] args, QuotaExhaustedException cause) {
        if (!fallbackTakesException) {
            return args;
        }
        Object[] withCause = Arrays.copyOf(args == null ? new Object[0] : args, (args == null ? 0 : args.length) + 1);
        withCause[withCause.length - 1] = cause;
        return withCause;
    }
}
