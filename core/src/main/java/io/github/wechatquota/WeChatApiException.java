package io.github.wechatquota;

/** WeChat answered with a non-zero errcode, e.g. {@code 40013 invalid appid} or {@code 48006} for clears. */
public class WeChatApiException extends WeChatQuotaException {

    private static final long serialVersionUID = 1L;

    private final int errcode;
    private final String errmsg;

    /**
     * @param operation what was asked of WeChat, e.g. {@code "getApiQuota for /cgi-bin/menu/create"}
     * @param errcode WeChat's errcode
     * @param errmsg WeChat's errmsg (it carries the rid that getRidInfo can explain)
     */
    public WeChatApiException(String operation, int errcode, String errmsg) {
        super("WeChat refused " + operation + ": errcode " + errcode + " (" + errmsg + ")");
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    /** WeChat's errcode. */
    public int getErrcode() {
        return errcode;
    }

    /** WeChat's errmsg, as received. */
    public String getErrmsg() {
        return errmsg;
    }
}
