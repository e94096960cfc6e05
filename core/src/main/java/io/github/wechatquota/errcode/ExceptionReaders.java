package io.github.wechatquota.errcode;

import io.github.wechatquota.WeChatApiException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * The {@link ErrcodeReader} for each class of exception, resolved once per class: the errcode a throwable carries in a
 * field or method (its message is scanned separately).
 */
final class ExceptionReaders extends ClassValue<ErrcodeReader> {

    private static final String[] ACCESSORS = {"getErrcode", "getErrorCode", "getErrCode"};
    private static final String WX_ERROR_EXCEPTION = "me.chanjar.weixin.common.error.WxErrorException";

    private static final ErrcodeReader WECHAT_API = value -> ((WeChatApiException) value).getErrcode();

    @Override
    protected ErrcodeReader computeValue(Class<?> type) {
        return Accessors.resolveSafely(type, this::resolve);
    }

    private ErrcodeReader resolve(Class<?> type) {
        if (WeChatApiException.class.isAssignableFrom(type)) {
            return WECHAT_API;
        }
        if (Optionals.isJdk(type)) {
            return ErrcodeReader.NONE;
        }
        ErrcodeReader accessor = Accessors.find(type, ACCESSORS, null);
        if (accessor != null) {
            return accessor;
        }
        if (extendsClassNamed(type, WX_ERROR_EXCEPTION)) {
            ErrcodeReader wx = wxError(type);
            if (wx != null) {
                return wx;
            }
        }
        if (Optionals.FEIGN && FeignErrcodes.isFeignException(type)) {
            return FeignErrcodes.READER;
        }
        return ErrcodeReader.NONE;
    }

    private static boolean extendsClassNamed(Class<?> type, String name) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (current.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** WxJava's {@code exception.getError().getErrorCode()}, by reflection; null when the shape is not as expected. */
    private static ErrcodeReader wxError(Class<?> type) {
        Method getError = Accessors.publicMethod(type, "getError");
        if (getError == null || getError.getReturnType().isPrimitive()) {
            return null;
        }
        MethodHandle error = Accessors.unreflect(type, getError);
        if (error == null) {
            return null;
        }
        Class<?> errorType = error.type().returnType();
        Method getErrorCode = Accessors.publicMethod(errorType, "getErrorCode");
        ErrcodeReader code = getErrorCode == null
                ? null : Accessors.reader(Accessors.unreflect(errorType, getErrorCode));
        if (code == null) {
            return null;
        }
        MethodHandle exactError = error.asType(MethodType.methodType(Object.class, Object.class));
        return value -> {
            Object wxError = (Object) exactError.invokeExact(value);
            return wxError == null ? ErrcodeExtractor.NONE : code.read(wxError);
        };
    }
}
