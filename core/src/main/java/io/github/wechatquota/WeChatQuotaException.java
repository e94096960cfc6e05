package io.github.wechatquota;

/**
 * The base of every exception wechat-quota throws. Unchecked; messages name the appid and cgi_path concerned and never
 * contain an access token or app secret.
 */
public class WeChatQuotaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WeChatQuotaException(String message) {
        super(message);
    }

    public WeChatQuotaException(String message, Throwable cause) {
        super(message, cause);
    }
}
