package io.github.wechatquota.errcode;

/** Reads an errcode from an object of one class, as resolved once per class; may throw, callers guard. */
@FunctionalInterface
interface ErrcodeReader {

    /** Reads nothing: the class carries no errcode. */
    ErrcodeReader NONE = value -> ErrcodeExtractor.NONE;

    int read(Object value) throws Throwable;
}
