package io.github.wechatquota.errcode;

/**
 * The built-in extractor described at {@link ErrcodeExtractor#defaults()}. Stateless apart from the per-class caches of
 * resolved accessors, which are {@link ClassValue}s: they hold no strong reference to a class that would keep its
 * class loader alive.
 */
final class DefaultErrcodeExtractor implements ErrcodeExtractor {

    static final DefaultErrcodeExtractor INSTANCE = new DefaultErrcodeExtractor();

    /** How many throwables of a cause chain are looked at. */
    static final int MAX_CAUSE_DEPTH = 10;

    private static final ClassValue<ErrcodeReader> RESULT_READERS = new ResultReaders();
    private static final ClassValue<ErrcodeReader> EXCEPTION_READERS = new ExceptionReaders();

    private DefaultErrcodeExtractor() {
    }

    @Override
    public int fromResult(Object result) {
        if (result == null) {
            return NONE;
        }
        try {
            if (result instanceof String text) {
                return ErrcodeText.fromJson(text); // WeChat's reply as text, the commonest result: no lookup by class
            }
            return RESULT_READERS.get(result.getClass()).read(result);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            return NONE;
        }
    }

    @Override
    public int fromException(Throwable thrown) {
        if (thrown == null) {
            return NONE;
        }
        int code = walk(thrown, false);
        return code != NONE ? code : walk(thrown, true);
    }

    /**
     * Looks at {@code thrown} and its causes, at most {@link #MAX_CAUSE_DEPTH}, stopping at one seen before: at what
     * each carries in a field or method, or, with {@code messages}, at its message.
     */
    private static int walk(Throwable thrown, boolean messages) {
        Throwable current = thrown;
        for (int depth = 0; depth < MAX_CAUSE_DEPTH; depth++) {
            int code = messages ? fromMessage(current) : fromFields(current);
            if (code != NONE) {
                return code;
            }
            Throwable cause = causeOf(current);
            if (cause == null || seen(thrown, cause, depth)) {
                return NONE;
            }
            current = cause;
        }
        return NONE;
    }

    private static int fromFields(Throwable throwable) {
        try {
            return EXCEPTION_READERS.get(throwable.getClass()).read(throwable);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            return NONE;
        }
    }

    private static int fromMessage(Throwable throwable) {
        try {
            String message = throwable.getMessage();
            return message == null ? NONE : ErrcodeText.fromMessage(message);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            return NONE;
        }
    }

    private static Throwable causeOf(Throwable throwable) {
        try {
            return throwable.getCause();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            return null;
        }
    }

    /** Whether {@code cause} is one of the first {@code depth + 1} throwables of the chain from {@code first}. */
    private static boolean seen(Throwable first, Throwable cause, int depth) {
        Throwable visited = first;
        for (int i = 0; i <= depth && visited != null; i++) {
            if (visited == cause) {
                return true;
            }
            visited = causeOf(visited);
        }
        return false;
    }

    /** Out-of-memory and other errors of the virtual machine are not a failed extraction: they propagate. */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    @Override
    public String toString() {
        return "ErrcodeExtractor.defaults()";
    }
}
