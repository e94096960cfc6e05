package io.github.wechatquota.invocation;

import java.lang.reflect.Method;
import java.util.Map;

/** Reads a named text property from JSON text, a map, a Jackson node, a record or a bean. */
final class PropertyReader {

    private PropertyReader() {
    }

    /** The first of {@code names} the value has, as text; null when it has none. */
    static String text(Object value, String... names) {
        if (value == null) {
            return null;
        }
        for (String name : names) {
            Object found = read(value, name);
            if (found != null) {
                String text = found instanceof com.fasterxml.jackson.databind.JsonNode node ? node.asText()
                        : found.toString();
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return null;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static Object read(Object value, String name) {
        if (value instanceof CharSequence text && text.length() > 1 && text.charAt(0) == '{') {
            try {
                return read(JSON.readTree(text.toString()), name);
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                return null;
            }
        }
        if (value instanceof Map<?, ?> map) {
            return map.get(name);
        }
        if (value instanceof com.fasterxml.jackson.databind.JsonNode node) {
            com.fasterxml.jackson.databind.JsonNode field = node.get(name);
            return field == null || field.isNull() ? null : field;
        }
        if (name.indexOf('_') >= 0 || value instanceof CharSequence || value.getClass().isPrimitive()) {
            return null;
        }
        String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() == 0 && (method.getName().equals(name) || method.getName().equals(getter))
                    && method.getReturnType() != void.class) {
                try {
                    // An application's DTO is often a record or bean that is not public: its public accessors
                    // cannot be invoked from here until made accessible.
                    if (!method.canAccess(value) && !method.trySetAccessible()) {
                        return null;
                    }
                    return method.invoke(value);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
