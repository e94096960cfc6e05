package io.github.wechatquota.wechat;

/**
 * The WeChat errcodes wechat-quota acts on, and the groups the engine decides by.
 *
 * <p>Only the codes that change what a caller should do are named here; any other code still arrives intact in
 * {@link io.github.wechatquota.WeChatApiException#getErrcode()}.
 */
public final class Errcodes {

    /** WeChat is busy; retry with backoff. */
    public static final int SYSTEM_BUSY = -1;
    /** Success. */
    public static final int OK = 0;
    /** The access token is invalid or not the latest. */
    public static final int INVALID_CREDENTIAL = 40001;
    /** The appid is unknown, or not the token's account. */
    public static final int INVALID_APPID = 40013;
    /** The access token is malformed or unknown. */
    public static final int INVALID_ACCESS_TOKEN = 40014;
    /** The access token has expired. */
    public static final int ACCESS_TOKEN_EXPIRED = 42001;
    /** The daily limit of the API is reached; it stays dead until midnight China time unless cleared. */
    public static final int DAILY_LIMIT = 45009;
    /** The per-minute limit of the API is reached; retry in the next minute. */
    public static final int MINUTE_LIMIT = 45011;
    /** Too many customer-service messages to one user without a reply from them. */
    public static final int CUSTOMER_SERVICE_LIMIT = 45047;
    /** clear_quota refused: the account's ten clears this month are used up. */
    public static final int CLEAR_LIMIT = 48006;
    /** getApiQuota: the cgi_path is malformed (a host prefix, no leading {@code /}). */
    public static final int CGI_PATH_MALFORMED = 76003;
    /** getApiQuota: no such cgi_path. */
    public static final int CGI_PATH_NOT_FOUND = 76021;
    /** getApiQuota: the account may not query this cgi_path (every {@code /sns/} path, other account types' APIs). */
    public static final int CGI_PATH_NO_PERMISSION = 76022;

    private Errcodes() {
    }

    /** Whether {@code errcode} says a WeChat-side limit was hit: {@link #DAILY_LIMIT} or {@link #MINUTE_LIMIT}. */
    public static boolean isQuotaExceeded(int errcode) {
        return errcode == DAILY_LIMIT || errcode == MINUTE_LIMIT;
    }

    /**
     * Whether {@code errcode} says the access token was refused ({@link #INVALID_CREDENTIAL},
     * {@link #INVALID_ACCESS_TOKEN}, {@link #ACCESS_TOKEN_EXPIRED}): invalidate it and retry once with a fresh one.
     */
    public static boolean isTokenRejected(int errcode) {
        return errcode == INVALID_CREDENTIAL || errcode == INVALID_ACCESS_TOKEN || errcode == ACCESS_TOKEN_EXPIRED;
    }

    /** Whether {@code errcode} is {@link #SYSTEM_BUSY}: a transient failure worth a retry with backoff. */
    public static boolean isSystemBusy(int errcode) {
        return errcode == SYSTEM_BUSY;
    }
}
