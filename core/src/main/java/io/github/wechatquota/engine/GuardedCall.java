package io.github.wechatquota.engine;

import io.github.wechatquota.QuotaExhaustedException;

/**
 * How a guard makes a call and falls back, for one method. Integrations create one per method and pass the per-call
 * state as {@code context} (the join point, the argument array), so that the permitted path allocates nothing.
 *
 * @param <C> the per-call context
 */
public interface GuardedCall<C> {

    /** Makes the call to WeChat. Called again for a retry. */
    Object proceed(C context) throws Throwable;

    /** The fallback under {@code FALLBACK}; throws {@code cause} when the method has none. */
    default Object fallback(C context, QuotaExhaustedException cause) throws Throwable {
        throw cause;
    }

    /**
     * For logistics order add: the courier account whose e-waybill balance the call uses, or {@code null} when unknown
     * (then only the daily quota is checked).
     */
    default WaybillAccount waybillAccount(C context) {
        return null;
    }
}
