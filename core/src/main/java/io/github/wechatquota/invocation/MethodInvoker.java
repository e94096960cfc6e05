package io.github.wechatquota.invocation;

import java.lang.reflect.Method;

/**
 * How one kind of client makes its calls: the only thing an adapter writes. The Feign capability, the Spring aspect and
 * any other client kind each implement it once; {@link GuardedMethod} does everything else (permits, errcodes,
 * retries, policies, results that complete later).
 *
 * @param <C> what one call of this client kind is (a join point, a proxy and its arguments); passed through untouched,
 *     so that a permitted call allocates nothing of the guard's
 */
public interface MethodInvoker<C> {

    /** Makes the real call (the request to WeChat). Called again for a retry. */
    Object proceed(C call) throws Throwable;

    /** The call's arguments, as the guarded method received them (for appId expressions and fallbacks). */
    Object[] arguments(C call);

    /**
     * Calls the guarded method's fallback with {@code arguments}, the way this client kind can reach it (a method of
     * the target bean, a default method of a proxy's interface). Throws what the fallback throws.
     */
    Object fallback(C call, Method fallback, Object[] arguments) throws Throwable;
}
