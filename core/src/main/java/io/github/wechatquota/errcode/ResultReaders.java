package io.github.wechatquota.errcode;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/** The {@link ErrcodeReader} for each class of call result, resolved once per class. */
final class ResultReaders extends ClassValue<ErrcodeReader> {

    private static final String[] ACCESSORS = {"getErrcode", "getErrCode", "errcode", "errCode"};
    private static final String FIELD = "errcode";

    private static final ErrcodeReader TEXT = value -> ErrcodeText.fromJson((CharSequence) value);
    private static final ErrcodeReader BYTES = value -> ErrcodeText.fromJson((byte[]) value);
    private static final ErrcodeReader MAP = value -> {
        Map<?, ?> map = (Map<?, ?>) value;
        Object code = map.get("errcode");
        if (code == null) {
            code = map.get("errCode");
        }
        return ErrcodeText.fromValue(code);
    };

    @Override
    protected ErrcodeReader computeValue(Class<?> type) {
        return Accessors.resolveSafely(type, this::resolve);
    }

    private ErrcodeReader resolve(Class<?> type) {
        try {
            return resolveReader(type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " looks like a Jackson tree but is not one this reads", e);
        }
    }

    private ErrcodeReader resolveReader(Class<?> type) throws ReflectiveOperationException {
        if (CharSequence.class.isAssignableFrom(type)) {
            return TEXT;
        }
        if (type == byte[].class) {
            return BYTES;
        }
        Class<?> tree = JsonTreeErrcodes.nodeClass(type);
        if (tree != null) {
            return JsonTreeErrcodes.reader(tree);
        }
        if (Map.class.isAssignableFrom(type)) {
            return MAP;
        }
        if (carriesNoErrcode(type)) {
            return ErrcodeReader.NONE;
        }
        ErrcodeReader accessor = Accessors.find(type, ACCESSORS, FIELD);
        return accessor == null ? ErrcodeReader.NONE : accessor;
    }

    /**
     * Values that never carry an errcode, or must not be touched: arrays other than {@code byte[]}; JDK types other
     * than text and maps (numbers, booleans, collections, {@link Optional}, dates); and anything closeable
     * ({@code feign.Response}, {@link InputStream}, readers, channels), which is never read.
     */
    private static boolean carriesNoErrcode(Class<?> type) {
        return type.isArray() || type.isPrimitive() || AutoCloseable.class.isAssignableFrom(type)
                || Optionals.isJdk(type);
    }
}
