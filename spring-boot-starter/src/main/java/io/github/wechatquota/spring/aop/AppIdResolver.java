package io.github.wechatquota.spring.aop;

import io.github.wechatquota.engine.AppIdExpression;
import java.lang.reflect.Method;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * The appid of a call: the core's fast forms (empty, a literal, {@code #name}, {@code #p0}) where they suffice, SpEL
 * over the arguments otherwise ({@code #request.appId}, {@code #p0.toUpperCase()}). Parsed once per method.
 */
final class AppIdResolver {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();
    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private final Method method;
    private final AppIdExpression simple;
    private final Expression spel;

    private AppIdResolver(Method method, AppIdExpression simple, Expression spel) {
        this.method = method;
        this.simple = simple;
        this.spel = spel;
    }

    static AppIdResolver of(Method method, String expression) {
        try {
            return new AppIdResolver(method, AppIdExpression.parse(method, expression), null);
        } catch (IllegalArgumentException notSimple) {
            // A bare #name that names no parameter is a mistake (a typo, -parameters missing), not SpEL to try.
            String text = expression.strip();
            if (text.startsWith("#") && !text.matches("#\\w+")) {
                try {
                    return new AppIdResolver(method, null, PARSER.parseExpression(expression));
                } catch (ParseException e) {
                    throw new IllegalArgumentException("appId '" + expression + "' on "
                            + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                            + " is not a valid SpEL expression: " + e.getMessage(), e);
                }
            }
            throw notSimple;
        }
    }

    boolean isConstant() {
        return simple != null && simple.isConstant();
    }

    /** The appid of a constant expression, or null for the default app. */
    String constant() {
        return simple.resolve(null);
    }

    String resolve(Object[] args) {
        if (simple != null) {
            return simple.resolve(args);
        }
        Object value = spel.getValue(new MethodBasedEvaluationContext(null, method, args, NAMES));
        if (value == null || value.toString().isBlank()) {
            // A call for nobody is not charged to the default account.
            throw new IllegalArgumentException("appId '" + spel.getExpressionString() + "' of "
                    + method.getDeclaringClass().getSimpleName() + "." + method.getName() + " gave "
                    + (value == null ? "null" : "a blank string") + " for this call: pass the account's appid");
        }
        return value.toString();
    }
}
