package io.github.wechatquota.internal;

/**
 * The one check of a store key prefix, for the guard and every built-in store alike. Internal: shared by
 * wechat-quota's own modules, not an API.
 */
public final class KeyPrefix {

    private KeyPrefix() {
    }

    /**
     * {@code prefix}, checked.
     *
     * @param name how the caller names the setting in its error, e.g. {@code key-prefix} or {@code keyPrefix}
     * @throws IllegalArgumentException naming the setting and the value when it is null, blank or has whitespace
     */
    public static String requireValid(String name, String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(name + " must be non-empty without whitespace, was '" + prefix + "'");
        }
        return prefix;
    }
}
