package io.github.wechatquota.spring.aop;

import io.github.wechatquota.invocation.AppIdResolver;
import java.lang.reflect.Method;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * The appid of a call: the core's fast forms (empty, a literal, {@code #name}, {@code #p0}) where they suffice, SpEL
 * over the arguments otherwise ({@code #request.appId}, {@code #p0.toUpperCase()}). Parsed once per method.
 */
final class SpelAppIds implements AppIdResolver.Parser {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();
    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    @Override
    public AppIdResolver parse(Method method, String expression) {
        try {
            return AppIdResolver.simple(method, expression);
        } catch (IllegalArgumentException notSimple) {
            // A bare #name that names no parameter is a mistake (a typo, -parameters missing), not SpEL to try.
            String text = expression.strip();
            if (text.startsWith("#") && !text.matches("#\\w+")) {
                try {
                    return new Spel(method, PARSER.parseExpression(expression));
                } catch (ParseException e) {
                    throw new IllegalArgumentException("appId '" + expression + "' on "
                            + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                            + " is not a valid SpEL expression: " + e.getMessage(), e);
                }
            }
            throw notSimple;
        }
    }

    /** A SpEL expression over the method's arguments, named as {@code #name}, {@code #p0} and {@code #a0}. */
    private static final class Spel implements AppIdResolver {
        private final Method method;
        private final Expression expression;
        /** Each parameter's variable names ({@code p0}, {@code a0}, and its own name when known), found once. */
        private final String[][] variables;

        Spel(Method method, Expression expression) {
            this.method = method;
            this.expression = expression;
            String[] names = NAMES.getParameterNames(method);
            this.variables = new String[method.getParameterCount()][];
            for (int i = 0; i < variables.length; i++) {
                variables[i] = names == null ? new String[] {"p" + i, "a" + i}
                        : new String[] {"p" + i, "a" + i, names[i]};
            }
        }

        @Override
        public String resolve(Object[] arguments) {
            StandardEvaluationContext context = new StandardEvaluationContext();
            for (int i = 0; i < arguments.length; i++) {
                for (String variable : variables[i]) {
                    context.setVariable(variable, arguments[i]);
                }
            }
            Object value = expression.getValue(context);
            if (value == null || value.toString().isBlank()) {
                // A call for nobody is not charged to the default account.
                throw new IllegalArgumentException("appId '" + expression.getExpressionString() + "' of "
                        + method.getDeclaringClass().getSimpleName() + "." + method.getName() + " gave "
                        + (value == null ? "null" : "a blank string") + " for this call: pass the account's appid");
            }
            return value.toString();
        }

        @Override
        public boolean isConstant() {
            return false;
        }
    }
}
