package me.chanjar.weixin.common.error;

/** A stand-in for WxJava's checked {@code WxErrorException}: see {@link WxError}. */
public class WxErrorException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient WxError error;

    public WxErrorException(WxError error) {
        super(error == null ? "no error" : error.toString());
        this.error = error;
    }

    public WxError getError() {
        return error;
    }
}
