package io.github.wechatquota.invocation;

import java.lang.reflect.Method;

/**
 * The account a call is made for, from the {@code appId} of its {@code @WeChatApi}: parsed once per method, resolved
 * per call.
 */
public interface AppIdResolver {

    /**
     * The appid for a call with these arguments, or {@code null} for the default app.
     *
     * @throws IllegalArgumentException when the call names no account (a null or blank appid): a call for nobody is
     *     not charged to the default account
     */
    String resolve(Object[] arguments);

    /** Whether every call gets the same appid; then {@link #resolve} ignores its arguments. */
    boolean isConstant();

    /** Parses an annotation's {@code appId} for a method. */
    @FunctionalInterface
    interface Parser {

        /**
         * @throws IllegalArgumentException naming the method and the fix when the expression cannot be resolved
         */
        AppIdResolver parse(Method method, String expression);
    }

    /**
     * The forms every client kind understands without Spring: empty (the default app), a literal appid, or a parameter
     * reference {@code #name} (needs {@code -parameters}), {@code #p0} or {@code #a0}.
     *
     * @throws IllegalArgumentException naming the method and the fix when the expression is none of these
     */
    static AppIdResolver simple(Method method, String expression) {
        return AppIdExpression.parse(method, expression);
    }
}
