package io.github.wechatquota.simulator;

import java.util.Map;

/** The errcodes the simulator answers, with WeChat's own errmsg texts. */
final class WeChatErrors {

    static final int SYSTEM_BUSY = -1;
    static final int INVALID_CREDENTIAL = 40001;
    static final int INVALID_GRANT_TYPE = 40002;
    static final int INVALID_APPID = 40013;
    static final int INVALID_ACCESS_TOKEN = 40014;
    static final int INVALID_URL = 40066;
    static final int INVALID_APPSECRET = 40125;
    static final int ACCESS_TOKEN_MISSING = 41001;
    static final int APPID_MISSING = 41002;
    static final int APPSECRET_MISSING = 41004;
    static final int ACCESS_TOKEN_EXPIRED = 42001;
    static final int REQUIRE_POST = 43002;
    static final int EMPTY_POST_DATA = 44002;
    static final int DAILY_LIMIT = 45009;
    static final int MINUTE_LIMIT = 45011;
    static final int DATA_FORMAT_ERROR = 47001;
    static final int API_UNAUTHORIZED = 48001;
    static final int CLEAR_LIMIT = 48006;
    /**
     * Third-party platforms: the authorized account did not authorize this platform. Not in the token APIs' own
     * error tables; the code WeChat's open-platform error list gives for it.
     */
    static final int COMPONENT_NOT_AUTHORIZED = 61003;
    static final int COMPONENT_TICKET_EXPIRED = 61005;
    static final int COMPONENT_TICKET_INVALID = 61006;
    static final int INVALID_COMPONENT = 61011;
    static final int REFRESH_TOKEN_INVALID = 61023;
    static final int RID_NOT_FOUND = 76001;
    static final int RID_MALFORMED = 76002;
    static final int CGI_PATH_MALFORMED = 76003;
    static final int RID_OF_OTHER_ACCOUNT = 76003;
    static final int CGI_PATH_NOT_FOUND = 76021;
    static final int CGI_PATH_NO_PERMISSION = 76022;
    /** Logistics: "courier-side error", with the reason in delivery_resultmsg. */
    static final int DELIVERY_ERROR = 9300501;

    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(SYSTEM_BUSY, "system error"),
            Map.entry(INVALID_CREDENTIAL, "invalid credential, access_token is invalid or not latest"),
            Map.entry(INVALID_GRANT_TYPE, "invalid grant_type"),
            Map.entry(INVALID_APPID, "invalid appid"),
            Map.entry(INVALID_ACCESS_TOKEN, "invalid access_token"),
            Map.entry(INVALID_URL, "invalid url"),
            Map.entry(INVALID_APPSECRET, "invalid appsecret"),
            Map.entry(ACCESS_TOKEN_MISSING, "access_token missing"),
            Map.entry(APPID_MISSING, "appid missing"),
            Map.entry(APPSECRET_MISSING, "appsecret missing"),
            Map.entry(ACCESS_TOKEN_EXPIRED, "access_token expired"),
            Map.entry(REQUIRE_POST, "require POST method"),
            Map.entry(EMPTY_POST_DATA, "empty post data"),
            Map.entry(DAILY_LIMIT, "reach max api daily quota limit"),
            Map.entry(MINUTE_LIMIT, "api minute-quota reach limit  mustslower  retry next minute"),
            Map.entry(DATA_FORMAT_ERROR, "data format error"),
            Map.entry(API_UNAUTHORIZED, "api unauthorized"),
            Map.entry(CLEAR_LIMIT, "forbid to clear quota because of reaching the limit"),
            Map.entry(COMPONENT_NOT_AUTHORIZED, "component is not authorized by this account"),
            Map.entry(COMPONENT_TICKET_EXPIRED, "component ticket is expired"),
            Map.entry(COMPONENT_TICKET_INVALID, "component ticket is invalid"),
            Map.entry(INVALID_COMPONENT, "invalid component"),
            Map.entry(REFRESH_TOKEN_INVALID, "refresh_token is invalid"),
            Map.entry(RID_NOT_FOUND, "rid not found"),
            Map.entry(RID_MALFORMED, "rid is error"),
            Map.entry(CGI_PATH_MALFORMED, "invalid cgi_path format"),
            Map.entry(CGI_PATH_NOT_FOUND, "cgi_path not found, please check"),
            Map.entry(CGI_PATH_NO_PERMISSION, "could not use this cgi_path,no permission"),
            Map.entry(DELIVERY_ERROR, "delivery logic error"));

    private WeChatErrors() {
    }

    static String message(int errcode) {
        return MESSAGES.getOrDefault(errcode, "error");
    }
}
