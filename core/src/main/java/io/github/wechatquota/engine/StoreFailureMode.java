package io.github.wechatquota.engine;

/** What calls do while a shared store (Redis, PostgreSQL) cannot be reached ({@code store.on-failure}). */
public enum StoreFailureMode {
    /**
     * Count in a local bucket holding a conservative share (WeChat's last known remainder divided by the expected
     * number of instances); when the store answers again, what was taken locally is taken from it too.
     */
    LOCAL_FALLBACK,
    /** Let calls through uncounted; WeChat's own 45009 is then the only limit. */
    FAIL_OPEN,
    /** Refuse calls with {@link io.github.wechatquota.QuotaStoreUnavailableException}. */
    FAIL_CLOSED
}
