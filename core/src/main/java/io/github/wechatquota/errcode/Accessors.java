package io.github.wechatquota.errcode;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a public errcode accessor of a class into an {@link ErrcodeReader} backed by a {@link MethodHandle} of
 * type {@code (Object)int}, so that reading it boxes nothing.
 */
final class Accessors {

    private static final Logger log = LoggerFactory.getLogger(Accessors.class);

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodType READER_TYPE = MethodType.methodType(int.class, Object.class);
    private static final MethodHandle FROM_LONG;
    private static final MethodHandle FROM_NUMBER;
    private static final MethodHandle FROM_TEXT;

    static {
        try {
            FROM_LONG = LOOKUP.findStatic(ErrcodeText.class, "fromLong", MethodType.methodType(int.class, long.class));
            FROM_NUMBER = LOOKUP.findStatic(ErrcodeText.class, "fromNumber",
                    MethodType.methodType(int.class, Number.class));
            FROM_TEXT = LOOKUP.findStatic(ErrcodeText.class, "fromNumericText",
                    MethodType.methodType(int.class, CharSequence.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Accessors() {
    }

    /**
     * {@code resolver} applied to {@code type}, or {@link ErrcodeReader#NONE} when resolving fails (a class that cannot
     * be linked, a security manager): the failure is then remembered for the class like any other answer, instead of
     * being retried on every call.
     */
    static ErrcodeReader resolveSafely(Class<?> type, Function<Class<?>, ErrcodeReader> resolver) {
        try {
            return resolver.apply(type);
        } catch (RuntimeException | LinkageError e) {
            log.debug("Cannot look for an errcode accessor on {}: its values are taken to carry none",
                    type.getName(), e);
            return ErrcodeReader.NONE;
        }
    }

    /**
     * A reader for the first of {@code methods} (public, instance, no parameters) or else {@code field} (public,
     * instance) that {@code type} has with a usable type: int, long, short, byte, a Number or a CharSequence.
     *
     * @param field a field name, or null to look at methods only
     * @return the reader, or null when {@code type} has no usable accessor
     */
    static ErrcodeReader find(Class<?> type, String[] methods, String field) {
        for (String name : methods) {
            Method method = publicMethod(type, name);
            if (method != null && isUsable(method.getReturnType())) {
                ErrcodeReader reader = reader(unreflect(type, method));
                if (reader != null) {
                    return reader;
                }
            }
        }
        if (field != null) {
            Field candidate = publicField(type, field);
            if (candidate != null && isUsable(candidate.getType())) {
                return reader(unreflectGetter(type, candidate));
            }
        }
        return null;
    }

    /** A public no-argument method of {@code type} (not static), or null. */
    static Method publicMethod(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return Modifier.isStatic(method.getModifiers()) ? null : method;
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }

    private static Field publicField(Class<?> type, String name) {
        try {
            Field field = type.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? null : field;
        } catch (NoSuchFieldException | SecurityException e) {
            return null;
        }
    }

    private static boolean isUsable(Class<?> type) {
        return type == int.class || type == long.class || type == short.class || type == byte.class
                || Number.class.isAssignableFrom(type) || CharSequence.class.isAssignableFrom(type);
    }

    /**
     * A reader invoking {@code handle} (one argument, the object) and converting what it returns to an errcode (NONE
     * for null or non-numeric); null when {@code handle} is null or returns an unusable type.
     */
    static ErrcodeReader reader(MethodHandle handle) {
        if (handle == null || !isUsable(handle.type().returnType())) {
            return null;
        }
        Class<?> valueType = handle.type().returnType();
        MethodHandle converted;
        if (valueType == long.class) {
            converted = MethodHandles.filterReturnValue(handle, FROM_LONG);
        } else if (valueType.isPrimitive()) {
            converted = handle.asType(handle.type().changeReturnType(int.class));
        } else if (Number.class.isAssignableFrom(valueType)) {
            converted = MethodHandles.filterReturnValue(
                    handle.asType(handle.type().changeReturnType(Number.class)), FROM_NUMBER);
        } else {
            converted = MethodHandles.filterReturnValue(
                    handle.asType(handle.type().changeReturnType(CharSequence.class)), FROM_TEXT);
        }
        MethodHandle exact = converted.asType(READER_TYPE);
        return value -> (int) exact.invokeExact(value);
    }

    /**
     * A handle for {@code method} as seen on {@code type}: directly when accessible, after {@code trySetAccessible}
     * when the class is not public (a private record, say) and its module allows it, else through a public supertype
     * that declares the same method. Null when none works.
     */
    static MethodHandle unreflect(Class<?> type, Method method) {
        try {
            return LOOKUP.unreflect(method);
        } catch (IllegalAccessException e) {
            // The declaring class is not accessible; try to open it, then a public supertype.
        }
        if (opened(method)) {
            try {
                return LOOKUP.unreflect(method);
            } catch (IllegalAccessException e) {
                // fall through to supertypes
            }
        }
        for (Class<?> supertype : publicSupertypes(type)) {
            Method declared = declared(supertype, method.getName());
            if (declared != null) {
                try {
                    return LOOKUP.unreflect(declared);
                } catch (IllegalAccessException e) {
                    // try the next
                }
            }
        }
        log.debug("{} has a public {}() but it cannot be accessed (open its package to wechat-quota): ignored",
                type.getName(), method.getName());
        return null;
    }

    private static MethodHandle unreflectGetter(Class<?> type, Field field) {
        try {
            return LOOKUP.unreflectGetter(field);
        } catch (IllegalAccessException e) {
            // try to open it
        }
        if (opened(field)) {
            try {
                return LOOKUP.unreflectGetter(field);
            } catch (IllegalAccessException e) {
                // give up
            }
        }
        log.debug("{} has a public field {} but it cannot be accessed (open its package to wechat-quota): ignored",
                type.getName(), field.getName());
        return null;
    }

    private static boolean opened(AccessibleObject member) {
        try {
            return member.trySetAccessible();
        } catch (SecurityException e) {
            return false;
        }
    }

    private static List<Class<?>> publicSupertypes(Class<?> type) {
        List<Class<?>> found = new ArrayList<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> current = pending.poll();
            if (current != type && Modifier.isPublic(current.getModifiers()) && !found.contains(current)) {
                found.add(current);
            }
            if (current.getSuperclass() != null) {
                pending.add(current.getSuperclass());
            }
            pending.addAll(List.of(current.getInterfaces()));
        }
        return found;
    }

    private static Method declared(Class<?> type, String name) {
        try {
            Method method = type.getDeclaredMethod(name);
            int modifiers = method.getModifiers();
            return Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) ? method : null;
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }
}
