package io.github.wechatquota.engine;

/** How an attempt to clear an account's quota ended. */
public enum ClearResult {
    /** This instance called clear_quota and WeChat cleared. */
    CLEARED,
    /** Another thread or instance cleared after this exhaustion: nothing to do. */
    ALREADY_CLEARED,
    /** {@code max-per-month} clears are used this month. */
    BUDGET_EXHAUSTED,
    /** WeChat answered 48006: its ten clears a month are used (the console counts too). */
    REFUSED_BY_WECHAT,
    /** The clear could not be made: WeChat unreachable, no token or secret, lock not obtained. */
    FAILED;

    /** The tag value used in metrics, e.g. {@code budget_exhausted}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
