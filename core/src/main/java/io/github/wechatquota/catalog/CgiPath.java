package io.github.wechatquota.catalog;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for a {@code cgi_path}: the path of a WeChat API exactly as getApiQuota expects it, e.g.
 * {@code /cgi-bin/message/custom/send}. WeChat answers {@code 76003} to a path with a scheme and host or without its
 * leading {@code '/'}, and never finds one with a query string.
 *
 * <p>A valid path is not null or blank, contains no whitespace, starts with {@code '/'}, carries no scheme or host, no
 * query string ({@code ?}) or fragment ({@code #}), and no empty segment ({@code //}). Messages quote the value (with
 * the value of any {@code token} or {@code secret} query parameter masked), say what is wrong and, where one can be
 * derived, the path to use instead:
 *
 * <pre>{@code
 * CgiPath.requireValid("cgi-bin/menu/create");
 * // IllegalArgumentException: cgi_path 'cgi-bin/menu/create' must start with '/': use '/cgi-bin/menu/create'
 * // (WeChat answers 76003 otherwise)
 * }</pre>
 *
 * <p>Self-contained (JDK only), so that the annotation processor can report the same message at compile time.
 */
public final class CgiPath {

    private static final String EXAMPLE = "'/cgi-bin/message/custom/send'";

    private CgiPath() {
    }

    /**
     * Returns {@code cgiPath} unchanged when it is a valid cgi_path.
     *
     * @throws IllegalArgumentException whose message quotes the value, says what is wrong and how to fix it
     */
    public static String requireValid(String cgiPath) {
        Optional<String> problem = problem(cgiPath);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return cgiPath;
    }

    /**
     * What is wrong with {@code cgiPath}, in the words {@link #requireValid} would throw, or empty when it is valid.
     */
    public static Optional<String> problem(String cgiPath) {
        return Optional.ofNullable(describeProblem(cgiPath));
    }

    /**
     * The valid cgi_path {@code value} most likely stands for: itself when valid, else the path {@link #problem}
     * suggests (scheme, host, query and whitespace dropped); empty when nothing sensible remains.
     */
    public static Optional<String> likelyMeant(String value) {
        Objects.requireNonNull(value, "value");
        return describeProblem(value) == null ? Optional.of(value) : Optional.ofNullable(suggest(value));
    }

    /**
     * Whether {@code cgiPath} is a web-authorisation ({@code /sns/}) API: getApiQuota cannot see those (it answers
     * {@code 76022}), so their quota cannot be synced from WeChat.
     */
    public static boolean isSns(String cgiPath) {
        Objects.requireNonNull(cgiPath, "cgiPath");
        return cgiPath.contains("/sns/");
    }

    /**
     * Whether a clear ({@code clear_quota}, its v2, the platform's {@code component/clear_quota/v2}) gives the API's
     * calls back. A clear resets every daily count, the token APIs' included (clear_quota/v2 exists, by WeChat's own
     * description, for an account whose token API is used up); it does not reset a limit that is a total for the
     * account's lifetime rather than a day: wxacode.get and createQRCode (100,000 codes in all). CLEAR_AND_RETRY spends
     * no clear on those.
     */
    public static boolean resetByClear(String cgiPath) {
        Objects.requireNonNull(cgiPath, "cgiPath");
        return !LIFETIME_TOTALS.contains(cgiPath);
    }

    private static final Set<String> LIFETIME_TOTALS = Set.of("/wxa/getwxacode", "/cgi-bin/wxaapp/createwxaqrcode");

    private static String describeProblem(String value) {
        if (value == null) {
            return "cgi_path is null: give the API's path, e.g. " + EXAMPLE;
        }
        if (value.isEmpty()) {
            return "cgi_path is empty: give the API's path, e.g. " + EXAMPLE;
        }
        if (value.isBlank()) {
            return "cgi_path " + quote(value) + " is blank: give the API's path, e.g. " + EXAMPLE;
        }
        String hostPrefix = hostPrefix(value);
        if (hostPrefix != null) {
            return "cgi_path " + quote(value) + " must not include a scheme or host: drop the prefix '" + hostPrefix
                    + "'" + suggestion(value, " and use ") + " (WeChat answers 76003 to a host prefix)";
        }
        if (indexOfWhitespace(value) >= 0) {
            return "cgi_path " + quote(value) + " contains whitespace" + suggestion(value, ": use ")
                    + (suggest(value) == null ? ": remove it" : "");
        }
        if (value.charAt(0) != '/') {
            return "cgi_path " + quote(value) + " must start with '/'" + suggestion(value, ": use ")
                    + " (WeChat answers 76003 otherwise)";
        }
        int query = value.indexOf('?');
        int fragment = value.indexOf('#');
        if (query >= 0 && (fragment < 0 || query < fragment)) {
            return "cgi_path " + quote(value) + " must not include a query string: drop '"
                    + mask(value.substring(query)) + "'" + suggestion(value, " and use ")
                    + " (the access_token and other parameters are added per call)";
        }
        if (fragment >= 0) {
            return "cgi_path " + quote(value) + " must not include a fragment: drop '" + value.substring(fragment)
                    + "'" + suggestion(value, " and use ");
        }
        if (value.contains("//")) {
            return "cgi_path " + quote(value) + " must not contain '//'" + suggestion(value, ": use ");
        }
        return null;
    }

    /**
     * The scheme-and-host prefix of {@code value} ({@code https://api.weixin.qq.com}, {@code //api.weixin.qq.com},
     * {@code api.weixin.qq.com}), or null when it has none.
     */
    private static String hostPrefix(String value) {
        String trimmed = value.strip();
        int scheme = trimmed.indexOf("://");
        int firstSlash = trimmed.indexOf('/');
        if (scheme > 0 && scheme < firstSlash) {
            return prefixUpToPath(trimmed, scheme + 3);
        }
        if (trimmed.startsWith("//") && looksLikeHost(trimmed, 2)) {
            return prefixUpToPath(trimmed, 2);
        }
        if (!trimmed.startsWith("/") && looksLikeHost(trimmed, 0)) {
            return prefixUpToPath(trimmed, 0);
        }
        return null;
    }

    /** Whether the segment of {@code value} starting at {@code from} names a host: it has a dot or a port. */
    private static boolean looksLikeHost(String value, int from) {
        int end = segmentEnd(value, from);
        for (int i = from; i < end; i++) {
            char c = value.charAt(i);
            if (c == '.' || c == ':') {
                return true;
            }
        }
        return false;
    }

    private static String prefixUpToPath(String value, int hostStart) {
        return value.substring(0, segmentEnd(value, hostStart));
    }

    private static int segmentEnd(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return value.length();
    }

    /** {@code lead + 'path'} when a valid path can be derived from {@code value}, else "". */
    private static String suggestion(String value, String lead) {
        String suggested = suggest(value);
        return suggested == null ? "" : lead + "'" + suggested + "'";
    }

    /**
     * The valid cgi_path the user most likely meant: without whitespace, scheme and host, query string and fragment,
     * with one leading '/' and no empty segments. Null when nothing sensible remains.
     */
    private static String suggest(String value) {
        StringBuilder path = new StringBuilder(value.length() + 1);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isWhitespace(c)) {
                path.append(c);
            }
        }
        String candidate = path.toString();
        String host = hostPrefix(candidate);
        if (host != null) {
            candidate = candidate.substring(host.length());
        }
        int cut = indexOfAny(candidate, '?', '#');
        if (cut >= 0) {
            candidate = candidate.substring(0, cut);
        }
        while (candidate.contains("//")) {
            candidate = candidate.replace("//", "/");
        }
        if (!candidate.startsWith("/")) {
            candidate = "/" + candidate;
        }
        if (candidate.length() > 1 && candidate.endsWith("/")) {
            candidate = candidate.substring(0, candidate.length() - 1);
        }
        // What remains starts with a single '/' and has no whitespace, '//', '?' or '#': it is valid unless empty.
        return candidate.length() > 1 ? candidate : null;
    }

    private static int indexOfAny(String value, char a, char b) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static String quote(String value) {
        return "'" + mask(value) + "'";
    }

    /**
     * {@code value} with the value of every query parameter whose name contains {@code token} or {@code secret}
     * replaced by {@code ***}: a pasted URL must not put an access token or app secret into a log.
     */
    private static String mask(String value) {
        int query = value.indexOf('?');
        if (query < 0) {
            return value;
        }
        int fragment = value.indexOf('#', query);
        int queryEnd = fragment < 0 ? value.length() : fragment;
        StringBuilder masked = new StringBuilder(value.length()).append(value, 0, query + 1);
        int start = query + 1;
        while (start <= queryEnd) {
            int end = value.indexOf('&', start);
            if (end < 0 || end > queryEnd) {
                end = queryEnd;
            }
            String parameter = value.substring(start, end);
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String lower = name.toLowerCase(Locale.ROOT);
            if (equals >= 0 && (lower.contains("token") || lower.contains("secret"))) {
                masked.append(name).append("=***");
            } else {
                masked.append(parameter);
            }
            if (end < queryEnd) {
                masked.append('&');
            }
            start = end + 1;
        }
        return masked.append(value, queryEnd, value.length()).toString();
    }
}
