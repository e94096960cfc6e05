package io.github.wechatquota.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * One {@code @WeChatApi} on one method, read from its mirror: the values in force (defaults included) and which of them
 * are written out, so that a diagnostic can point at the value itself.
 */
final class ApiAnnotation {

    /** The annotation's name; the processor never loads the class of the code it checks. */
    static final String TYPE = "io.github.wechatquota.annotation.WeChatApi";

    final ExecutableElement method;
    final AnnotationMirror mirror;
    private final Map<String, AnnotationValue> values;
    private final Map<String, AnnotationValue> explicit;

    private ApiAnnotation(ExecutableElement method, AnnotationMirror mirror, Map<String, AnnotationValue> values,
            Map<String, AnnotationValue> explicit) {
        this.method = method;
        this.mirror = mirror;
        this.values = values;
        this.explicit = explicit;
    }

    /** The {@code @WeChatApi} of {@code method}, or empty when it has none. */
    static Optional<ApiAnnotation> of(ExecutableElement method, Elements elements) {
        for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(TYPE)) {
                return Optional.of(new ApiAnnotation(method, mirror, byName(elements.getElementValuesWithDefaults(mirror)),
                        byName(mirror.getElementValues())));
            }
        }
        return Optional.empty();
    }

    private static Map<String, AnnotationValue> byName(Map<? extends ExecutableElement, ? extends AnnotationValue> map) {
        Map<String, AnnotationValue> named = new HashMap<>();
        map.forEach((member, value) -> named.put(member.getSimpleName().toString(), value));
        return named;
    }

    /** The value written for {@code member}, or null when it takes its default. */
    AnnotationValue explicitValue(String member) {
        return explicit.get(member);
    }

    /**
     * The values, or empty when one of them is erroneous (an unresolved constant, a missing {@code cgiPath}): javac
     * reports those itself, and checking the rest would only add noise.
     */
    Optional<ApiValues> values() {
        Optional<String> cgiPath = string("cgiPath");
        Optional<Long> dailyLimit = number("dailyLimit");
        Optional<Long> perMinuteLimit = number("perMinuteLimit");
        Optional<String> appId = string("appId");
        Optional<String> policy = enumConstant("onExhausted");
        Optional<String> fallbackMethod = string("fallbackMethod");
        Optional<Long> cost = number("cost");
        if (cgiPath.isEmpty() || dailyLimit.isEmpty() || perMinuteLimit.isEmpty() || appId.isEmpty()
                || policy.isEmpty() || fallbackMethod.isEmpty() || cost.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ApiValues(cgiPath.get(), dailyLimit.get(), perMinuteLimit.get(), appId.get(),
                policy.get(), fallbackMethod.get(), cost.get().intValue()));
    }

    private Optional<String> string(String member) {
        AnnotationValue value = values.get(member);
        // javac models an erroneous value as the string "<error>"; a real string constant prints quoted.
        if (value == null || !(value.getValue() instanceof String text) || !value.toString().startsWith("\"")) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private Optional<Long> number(String member) {
        AnnotationValue value = values.get(member);
        return value != null && value.getValue() instanceof Number number
                ? Optional.of(number.longValue())
                : Optional.empty();
    }

    private Optional<String> enumConstant(String member) {
        AnnotationValue value = values.get(member);
        return value != null && value.getValue() instanceof VariableElement constant
                ? Optional.of(constant.getSimpleName().toString())
                : Optional.empty();
    }
}
