package io.github.wechatquota.annotation;

/** What happens when an API's quota is used up. */
public enum QuotaPolicy {
    /** Not chosen here: configuration, then the first matching rule, then {@code default-policy} decide. */
    DEFAULT,
    /** Throw {@link io.github.wechatquota.QuotaExhaustedException} without calling WeChat. */
    REJECT,
    /** Call the method named by {@link WeChatApi#fallbackMethod()}. */
    FALLBACK,
    /** Block until the quota refills, up to the configured maximum wait; meant for per-minute limits. */
    WAIT,
    /** Spend one of the account's monthly quota clears (cluster-wide once per exhaustion), then call. */
    CLEAR_AND_RETRY
}
