package io.github.wechatquota.invocation;

import io.github.wechatquota.internal.AppIdSyntax;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The {@code appId} of a {@code @WeChatApi} without Spring: empty (the default app), a literal appid, or a reference to
 * a parameter: {@code #name} (needs {@code -parameters}), {@code #p0} or {@code #a0}. The Spring starter accepts full
 * SpEL instead.
 */
final class AppIdExpression implements AppIdResolver {

    private static final AppIdExpression DEFAULT_APP = new AppIdExpression(null, -1, "the default app");

    private final String literal;
    private final int parameterIndex;
    private final String describe;

    private AppIdExpression(String literal, int parameterIndex, String describe) {
        this.literal = literal;
        this.parameterIndex = parameterIndex;
        this.describe = describe;
    }

    /**
     * Parses the expression of a method's annotation.
     *
     * @throws IllegalArgumentException naming the method and the fix when the expression cannot be resolved here
     */
    static AppIdExpression parse(Method method, String expression) {
        Objects.requireNonNull(method, "method");
        AppIdSyntax syntax = AppIdSyntax.parse(expression);
        switch (syntax.kind()) {
            case DEFAULT_APP, BLANK:
                return DEFAULT_APP;
            case LITERAL:
                return new AppIdExpression(syntax.text(), -1, describe(method));
            case NOT_AN_APPID:
                throw new IllegalArgumentException("appId '" + expression + "' on " + describe(method)
                        + " is neither an appid nor a parameter reference such as #appId");
            default:
                break;
        }
        OptionalInt position = syntax.isPlainReference() ? syntax.position() : OptionalInt.empty();
        if (position.isPresent()) {
            if (position.getAsInt() >= method.getParameterCount()) {
                throw new IllegalArgumentException("appId '" + expression + "' on " + describe(method) + " refers to "
                        + "parameter " + syntax.positionAsWritten() + " but the method has "
                        + method.getParameterCount());
            }
            return new AppIdExpression(null, position.getAsInt(), describe(method));
        }
        Parameter[] parameters = method.getParameters();
        if (syntax.isPlainReference()) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i].getName().equals(syntax.name()) && parameters[i].isNamePresent()) {
                    return new AppIdExpression(null, i, describe(method));
                }
            }
        }
        boolean namesPresent = parameters.length == 0 || parameters[0].isNamePresent();
        throw new IllegalArgumentException("appId '" + expression + "' on " + describe(method) + " names no parameter"
                + (namesPresent ? "" : ": parameter names are missing, compile with -parameters or use #p0")
                + "; expressions beyond #name, #p0 and #a0 need the Spring starter's SpEL");
    }

    /**
     * The appid for a call, or {@code null} for the default app.
     *
     * @throws IllegalArgumentException when the parameter holds no appid: a call for nobody is not charged to the
     *     default account
     */
    @Override
    public String resolve(Object[] args) {
        if (parameterIndex < 0) {
            return literal;
        }
        Object value = args[parameterIndex];
        String appId = value == null ? null : value.toString();
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("appId of " + describe + " is parameter " + parameterIndex
                    + ", which is " + (value == null ? "null" : "blank") + " in this call: pass the account's appid");
        }
        return appId;
    }

    @Override
    public boolean isConstant() {
        return parameterIndex < 0;
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
