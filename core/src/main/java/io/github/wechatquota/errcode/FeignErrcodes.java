package io.github.wechatquota.errcode;

import static io.github.wechatquota.errcode.ErrcodeExtractor.NONE;

import feign.FeignException;

/** Errcodes in Feign's exceptions. Loaded only when Feign is on the classpath. */
final class FeignErrcodes {

    /**
     * Scans the response content a {@link FeignException} has already buffered ({@link FeignException#contentUTF8()})
     * as JSON text. Exceptions are off the common path, so the one String this decodes is acceptable.
     */
    static final ErrcodeReader READER = value -> {
        String content = ((FeignException) value).contentUTF8();
        return content == null || content.isEmpty() ? NONE : ErrcodeText.fromJson(content);
    };

    private FeignErrcodes() {
    }

    static boolean isFeignException(Class<?> type) {
        return FeignException.class.isAssignableFrom(type);
    }
}
