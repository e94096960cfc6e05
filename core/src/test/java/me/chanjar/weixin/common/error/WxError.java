package me.chanjar.weixin.common.error;

/**
 * A stand-in for WxJava's {@code WxError} (same package, name and accessor), so that the errcode extractor's
 * reflection-only WxJava support is tested without depending on WxJava.
 */
public class WxError {

    private final int errorCode;
    private final String errorMsg;

    public WxError(int errorCode, String errorMsg) {
        this.errorCode = errorCode;
        this.errorMsg = errorMsg;
    }

    public int getErrorCode() {
        return errorCode;
    }

    public String getErrorMsg() {
        return errorMsg;
    }

    @Override
    public String toString() {
        return "错误代码：" + errorCode + ", 错误信息：" + errorMsg;
    }
}
