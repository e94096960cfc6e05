package io.github.wechatquota.errcode;

import static io.github.wechatquota.errcode.ErrcodeExtractor.NONE;

/**
 * Allocation-free scans for an errcode in text, and conversions of accessor values to an errcode. Text is either a
 * {@link CharSequence} or UTF-8 bytes: every character the scans look for is ASCII, and no byte of a multi-byte UTF-8
 * sequence is, so bytes can be read as characters.
 */
final class ErrcodeText {

    private static final String KEY = "errcode";
    /** How WeChat's replies begin: {@link #fromJson(CharSequence)} reads their errcode without scanning for it. */
    private static final String LEADING_KEY = "{\"errcode\":";

    private ErrcodeText() {
    }

    /** The errcode of a JSON object in {@code text}: {@code "errcode"\s*:\s*"?(-?\d+)}; NONE when not JSON. */
    static int fromJson(CharSequence text) {
        if (text instanceof String reply && reply.startsWith(LEADING_KEY)) {
            // What the scan would find first; when no integer follows, the scan goes on looking.
            int length = reply.length();
            int code = integer(reply, null, length, skipSpace(reply, null, length, LEADING_KEY.length()));
            if (code != NONE) {
                return code;
            }
        }
        return scan(text, null, text.length(), true);
    }

    /** As {@link #fromJson(CharSequence)}, for UTF-8 bytes. */
    static int fromJson(byte[] utf8) {
        return scan(null, utf8, utf8.length, true);
    }

    /** The errcode in an exception message: {@code errcode["']?\s*[:=]\s*"?(-?\d+)}, anywhere in it. */
    static int fromMessage(CharSequence message) {
        return scan(message, null, message.length(), false);
    }

    private static int scan(CharSequence chars, byte[] bytes, int length, boolean json) {
        int i = 0;
        if (json) {
            i = skipSpace(chars, bytes, length, skipBom(chars, bytes, length));
            if (i >= length || at(chars, bytes, i) != '{') {
                return NONE;
            }
        }
        int last = length - KEY.length();
        for (; i <= last; i++) {
            if (!keyAt(chars, bytes, i)) {
                continue;
            }
            int code = json ? jsonValue(chars, bytes, length, i) : messageValue(chars, bytes, length, i);
            if (code != NONE) {
                return code;
            }
        }
        return NONE;
    }

    /** After {@code "errcode} at {@code key}: {@code "\s*:\s*"?(-?\d+)}. */
    private static int jsonValue(CharSequence chars, byte[] bytes, int length, int key) {
        if (key == 0 || at(chars, bytes, key - 1) != '"') {
            return NONE;
        }
        int i = key + KEY.length();
        if (i >= length || at(chars, bytes, i) != '"') {
            return NONE;
        }
        i = skipSpace(chars, bytes, length, i + 1);
        if (i >= length || at(chars, bytes, i) != ':') {
            return NONE;
        }
        return integer(chars, bytes, length, skipSpace(chars, bytes, length, i + 1));
    }

    /** After {@code errcode} at {@code key}: {@code ["']?\s*[:=]\s*"?(-?\d+)}. */
    private static int messageValue(CharSequence chars, byte[] bytes, int length, int key) {
        int i = key + KEY.length();
        if (i < length && (at(chars, bytes, i) == '"' || at(chars, bytes, i) == '\'')) {
            i++;
        }
        i = skipSpace(chars, bytes, length, i);
        if (i >= length || (at(chars, bytes, i) != ':' && at(chars, bytes, i) != '=')) {
            return NONE;
        }
        return integer(chars, bytes, length, skipSpace(chars, bytes, length, i + 1));
    }

    /** {@code "?(-?\d+)} at {@code start}, within int range; NONE otherwise. */
    private static int integer(CharSequence chars, byte[] bytes, int length, int start) {
        int i = start;
        if (i < length && at(chars, bytes, i) == '"') {
            i++;
        }
        return digits(chars, bytes, length, i, false);
    }

    /**
     * {@code -?\d+} starting at {@code start}; when {@code whole}, nothing may follow. NONE when absent, or outside the
     * range of int.
     */
    private static int digits(CharSequence chars, byte[] bytes, int length, int start, boolean whole) {
        int i = start;
        boolean negative = i < length && at(chars, bytes, i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int first = i;
        for (; i < length; i++) {
            int c = at(chars, bytes, i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            if (value > (long) Integer.MAX_VALUE + 1) {
                return NONE;
            }
        }
        if (i == first || (whole && i != length)) {
            return NONE;
        }
        long signed = negative ? -value : value;
        return signed < Integer.MIN_VALUE + 1 || signed > Integer.MAX_VALUE ? NONE : (int) signed;
    }

    /** Whether {@code errcode} (any letter case) starts at {@code i}. */
    private static boolean keyAt(CharSequence chars, byte[] bytes, int i) {
        for (int k = 0; k < KEY.length(); k++) {
            int c = at(chars, bytes, i + k);
            if ((c | 0x20) != KEY.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int skipBom(CharSequence chars, byte[] bytes, int length) {
        if (bytes != null) {
            return length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                    ? 3 : 0;
        }
        return length > 0 && chars.charAt(0) == '\uFEFF' ? 1 : 0;
    }

    private static int skipSpace(CharSequence chars, byte[] bytes, int length, int from) {
        int i = from;
        while (i < length) {
            int c = at(chars, bytes, i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    private static int at(CharSequence chars, byte[] bytes, int i) {
        return bytes != null ? bytes[i] & 0xFF : chars.charAt(i);
    }

    // ---- values of accessors, map entries and JSON fields ----

    /** An errcode held in a whole-valued number within int range; NONE otherwise. */
    static int fromNumber(Number number) {
        if (number == null) {
            return NONE;
        }
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return number.intValue();
        }
        if (number instanceof Long) {
            return fromLong(number.longValue());
        }
        double asDouble = number.doubleValue();
        long asLong = number.longValue();
        return asDouble == asLong ? fromLong(asLong) : NONE;
    }

    /** {@code value} as an errcode; NONE outside the range of int. */
    static int fromLong(long value) {
        return value > Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : NONE;
    }

    /** An errcode written as the whole of {@code text} ({@code -?\d+}); NONE otherwise. */
    static int fromNumericText(CharSequence text) {
        return text == null ? NONE : digits(text, null, text.length(), 0, true);
    }

    /** An errcode held in a value of unknown type: a number or numeric text; NONE otherwise. */
    static int fromValue(Object value) {
        if (value instanceof Number number) {
            return fromNumber(number);
        }
        if (value instanceof CharSequence text) {
            return fromNumericText(text);
        }
        return NONE;
    }
}
