package io.github.wechatquota.errcode;

import static io.github.wechatquota.errcode.ErrcodeExtractor.NONE;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Errcodes in Jackson trees, Jackson 3's ({@code tools.jackson.databind.JsonNode}, what a Spring Boot 4 client
 * decodes to) or Jackson 2's ({@code com.fasterxml.jackson.databind.JsonNode}). Found by class name and read through
 * method handles resolved once per node class, so neither Jackson is needed on the classpath.
 */
final class JsonTreeErrcodes {

    /** The tree node base classes understood, by name. */
    static final List<String> NODE_CLASSES =
            List.of("tools.jackson.databind.JsonNode", "com.fasterxml.jackson.databind.JsonNode");

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();
    private static final MethodType PREDICATE = MethodType.methodType(boolean.class, Object.class);

    private final MethodHandle get;
    private final MethodHandle isIntegralNumber;
    private final MethodHandle canConvertToInt;
    private final MethodHandle intValue;
    private final MethodHandle isNumber;
    private final MethodHandle numberValue;
    private final MethodHandle isText;
    private final MethodHandle textValue;

    private JsonTreeErrcodes(Class<?> node) throws ReflectiveOperationException {
        get = handle(node, "get", String.class).asType(MethodType.methodType(Object.class, Object.class, String.class));
        isIntegralNumber = handle(node, "isIntegralNumber").asType(PREDICATE);
        canConvertToInt = handle(node, "canConvertToInt").asType(PREDICATE);
        intValue = handle(node, "intValue").asType(MethodType.methodType(int.class, Object.class));
        isNumber = handle(node, "isNumber").asType(PREDICATE);
        numberValue = handle(node, "numberValue").asType(MethodType.methodType(Number.class, Object.class));
        // Jackson 3 names text nodes "string" (isTextual/textValue remain, deprecated); Jackson 2 only "textual".
        boolean jackson3 = hasMethod(node, "isString");
        isText = handle(node, jackson3 ? "isString" : "isTextual").asType(PREDICATE);
        textValue = handle(node, jackson3 ? "stringValue" : "textValue")
                .asType(MethodType.methodType(String.class, Object.class));
    }

    /** The Jackson {@code JsonNode} class that {@code type} is or extends, or null when it is no Jackson tree. */
    static Class<?> nodeClass(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (NODE_CLASSES.contains(current.getName())) {
                return current;
            }
        }
        return null;
    }

    /**
     * Reads the {@code errcode} or {@code errCode} field of trees of {@code node}, a number or numeric text.
     *
     * @throws ReflectiveOperationException when {@code node} lacks the expected methods (another Jackson major)
     */
    static ErrcodeReader reader(Class<?> node) throws ReflectiveOperationException {
        JsonTreeErrcodes tree = new JsonTreeErrcodes(node);
        return tree::fromNode;
    }

    private int fromNode(Object node) throws Throwable {
        Object value = (Object) get.invokeExact(node, "errcode");
        if (value == null) {
            value = (Object) get.invokeExact(node, "errCode");
        }
        if (value == null) {
            return NONE;
        }
        if ((boolean) isIntegralNumber.invokeExact(value)) {
            return (boolean) canConvertToInt.invokeExact(value) ? (int) intValue.invokeExact(value) : NONE;
        }
        if ((boolean) isNumber.invokeExact(value)) {
            return ErrcodeText.fromNumber((Number) numberValue.invokeExact(value));
        }
        if ((boolean) isText.invokeExact(value)) {
            return ErrcodeText.fromNumericText((String) textValue.invokeExact(value));
        }
        return NONE;
    }

    private static MethodHandle handle(Class<?> type, String name, Class<?>... parameters)
            throws ReflectiveOperationException {
        return LOOKUP.unreflect(type.getMethod(name, parameters));
    }

    private static boolean hasMethod(Class<?> type, String name) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }
}
