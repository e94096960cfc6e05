package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;

/**
 * Hears what the guard does, for metrics and logs. Methods are called on the caller's thread, must be quick, and may
 * not throw (a throwing listener is logged and ignored). No event object is built: the permitted path allocates nothing.
 */
public interface QuotaListener {

    /** A call was let through to WeChat. */
    default void onPermitted(QuotaKey key) {
    }

    /** A call was refused under {@code policy} without calling WeChat (or after WeChat's 45009). */
    default void onRejected(QuotaKey key, QuotaPolicy policy) {
    }

    /** The fallback was called instead. */
    default void onFallback(QuotaKey key) {
    }

    /** A call waited for its quota to refill, then went through. */
    default void onWaited(QuotaKey key, long waitedMillis) {
    }

    /** WeChat answered 45009 or 45011 although the guard let the call through. */
    default void onLimitedByWeChat(QuotaKey key, int errcode) {
    }

    /** A clear was attempted for the account. */
    default void onClear(String appId, ClearResult result) {
    }

    /** A sync of the quota finished; {@code error} is null on success. */
    default void onSynced(QuotaKey key, String error) {
    }
}
