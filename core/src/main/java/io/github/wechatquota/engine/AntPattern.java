package io.github.wechatquota.engine;

/** Ant-style path matching: {@code ?} one character, {@code *} any characters within a segment, {@code **} any segments. */
final class AntPattern {

    private AntPattern() {
    }

    static boolean matches(String pattern, String path) {
        return matchSegments(pattern.split("/", -1), 0, path.split("/", -1), 0);
    }

    private static boolean matchSegments(String[] pattern, int p, String[] path, int s) {
        while (p < pattern.length) {
            if (pattern[p].equals("**")) {
                for (int skip = s; skip <= path.length; skip++) {
                    if (matchSegments(pattern, p + 1, path, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (s >= path.length || !matchSegment(pattern[p], 0, path[s], 0)) {
                return false;
            }
            p++;
            s++;
        }
        return s == path.length;
    }

    private static boolean matchSegment(String pattern, int p, String text, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int skip = t; skip <= text.length(); skip++) {
                    if (matchSegment(pattern, p + 1, text, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }
}
