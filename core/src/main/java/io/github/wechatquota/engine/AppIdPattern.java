package io.github.wechatquota.engine;

/**
 * Appids named by a pattern, in a platform's {@code authorizers} and a rule's {@code app-id}: an appid, or a prefix
 * ending in {@code *} ({@code wx12*}; {@code *} alone for every appid).
 */
final class AppIdPattern {

    private AppIdPattern() {
    }

    static boolean matches(String pattern, String appId) {
        return pattern.endsWith("*") ? appId.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(appId);
    }

    /**
     * @throws IllegalArgumentException naming {@code property} when the pattern is blank or has a {@code *} other than
     *     at its end
     */
    static void requireValid(String pattern, String property) {
        int star = pattern.indexOf('*');
        if (pattern.isBlank() || pattern.chars().anyMatch(Character::isWhitespace)
                || (star >= 0 && star != pattern.length() - 1)) {
            throw new IllegalArgumentException(property + " is '" + pattern + "': give an appid, or a prefix ending "
                    + "in * (wx12* for every appid starting wx12, * for all)");
        }
    }
}
