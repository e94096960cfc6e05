package io.github.wechatquota.processor;

import io.github.wechatquota.internal.AppIdSyntax;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * {@code appId}: "" (the default app), a literal appid, or an expression over the arguments whose first name is a
 * parameter: {@code #appId}, {@code #request.appId}, {@code #p0}, {@code #a0} ({@code #root} and {@code #this}, SpEL's
 * own, are let through). The grammar is core's {@link AppIdSyntax}, the one the run time reads; this adds what only a
 * compiler knows: the method's parameters as written, and whether a literal looks like an appid.
 */
final class AppIdCheck {

    private static final String EXAMPLE = "'wx0123456789abcdef'";

    /** A problem with the appId: an error, or a warning for a literal that does not look like an appid. */
    record Problem(boolean isError, String message) {
    }

    private AppIdCheck() {
    }

    static Optional<Problem> problem(ExecutableElement method, String appId) {
        AppIdSyntax syntax = AppIdSyntax.parse(appId);
        switch (syntax.kind()) {
            case DEFAULT_APP:
                return Optional.empty();
            case BLANK:
                return error("'" + appId + "' is blank: leave appId out for the default app, or write the appid, e.g. "
                        + EXAMPLE);
            case NOT_AN_APPID:
                return error("'" + appId + "' is neither an appid nor an expression: write the appid (letters,"
                        + " digits, '_' and '-'; WeChat's start with 'wx', e.g. " + EXAMPLE + "), an expression over a"
                        + " parameter such as '#appId' or '#p0', or leave appId out for the default app");
            case NO_NAME:
                return error("'" + appId + "' has no parameter name after '#': write '#' and a parameter's name, e.g."
                        + " '#appId', or its position, '#p0'");
            case REFERENCE:
                return referenceProblem(method, appId, syntax);
            default:
                return literalProblem(method, appId, syntax.text());
        }
    }

    /** A literal is taken as written; one that does not look like WeChat's is only worth a warning. */
    private static Optional<Problem> literalProblem(ExecutableElement method, String appId, String text) {
        if (!text.startsWith("wx")) {
            String meant = parameterNamed(method, text)
                    .map(parameter -> ": to take the appid from parameter '" + text + "', write '#" + text + "'")
                    .orElse(": check it, or take it from a parameter with '#name'");
            return Optional.of(new Problem(false, "'" + appId + "' does not look like an appid (WeChat's start with"
                    + " 'wx', e.g. " + EXAMPLE + ")" + meant));
        }
        return Optional.empty();
    }

    /** What follows the first name is SpEL's business and is not checked here. */
    private static Optional<Problem> referenceProblem(ExecutableElement method, String appId, AppIdSyntax syntax) {
        if (syntax.isSpelVariable()) {
            return Optional.empty();
        }
        String name = syntax.name();
        List<? extends VariableElement> parameters = method.getParameters();
        boolean namesPresent = !syntheticNames(parameters);
        if (namesPresent && parameterNamed(method, name).isPresent()) {
            return Optional.empty();
        }
        String signature = TypeNames.signature(method);
        OptionalInt position = syntax.position();
        if (position.isPresent()) {
            if (position.getAsInt() < parameters.size()) {
                return Optional.empty();
            }
            return error("'" + appId + "' refers to parameter " + syntax.positionAsWritten() + ", but " + signature
                    + " has " + (parameters.isEmpty()
                            ? "none: use a literal appid, or leave appId out for the default app"
                            : parameters.size() + ": use #p0 to #p" + (parameters.size() - 1)));
        }
        if (parameters.isEmpty()) {
            return error("'" + appId + "' names a parameter, but " + signature + " has none: use a literal appid, or"
                    + " leave appId out for the default app");
        }
        if (!namesPresent) {
            return error("'" + appId + "' names a parameter, but the parameter names of " + signature
                    + " were not kept (they read " + parameters.stream().map(p -> p.getSimpleName().toString())
                            .collect(Collectors.joining(", "))
                    + "): -parameters is missing; compile with -parameters (maven-compiler-plugin:"
                    + " <parameters>true</parameters>), or refer to the parameter by position, e.g. '#p0'");
        }
        return error("'" + appId + "' names no parameter of " + TypeNames.namedSignature(method) + ": use "
                + parameters.stream().map(p -> "#" + p.getSimpleName()).collect(Collectors.joining(", "))
                + ", or a position such as #p0");
    }

    /** Whether the names are javac's stand-ins ({@code arg0, arg1, ...}): the class was compiled without -parameters. */
    private static boolean syntheticNames(List<? extends VariableElement> parameters) {
        if (parameters.isEmpty()) {
            return false;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (!parameters.get(i).getSimpleName().contentEquals("arg" + i)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<? extends VariableElement> parameterNamed(ExecutableElement method, String name) {
        return method.getParameters().stream().filter(p -> p.getSimpleName().contentEquals(name)).findFirst();
    }

    private static Optional<Problem> error(String message) {
        return Optional.of(new Problem(true, message));
    }
}
