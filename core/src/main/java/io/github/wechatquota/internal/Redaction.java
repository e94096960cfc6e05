package io.github.wechatquota.internal;

import java.util.regex.Pattern;

/**
 * Masks credential values in text that came from the wire, before it reaches a message, a log or a value. Internal:
 * shared by wechat-quota's own modules, not an API.
 */
public final class Redaction {

    public static final String MASK = "***";

    /**
     * {@code access_token=...}, {@code "secret":"..."} and their kin, in query strings and JSON alike, also
     * JSON escaped inside a JSON string. A safety net
     * for credentials we were not told about: WeChat echoes old tokens in getRidInfo, and a gateway's error page may
     * echo the request URL.
     */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)((?:access_token|refresh_token|secret|accesstoken|refreshtoken)\\\\?\"?\\s*[=:]\\s*\\\\?\"?)"
                    + "([^&\"\\\\\\s,;}]+)");

    private Redaction() {
    }

    /** {@code text} with every credential-looking value replaced by {@value #MASK}; {@code null} stays {@code null}. */
    public static String maskCredentials(String text) {
        return text == null ? null : CREDENTIAL.matcher(text).replaceAll("$1" + MASK);
    }

    /** Whether {@code text} holds something {@link #maskCredentials} would mask. */
    public static boolean hasCredentials(String text) {
        return text != null && CREDENTIAL.matcher(text).find();
    }
}
