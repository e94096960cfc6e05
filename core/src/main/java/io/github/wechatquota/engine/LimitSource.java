package io.github.wechatquota.engine;

/** Where an API's effective daily limit came from. */
public enum LimitSource {
    /** getApiQuota's {@code daily_limit}: WeChat's own figure. */
    SYNCED,
    /** Configuration ({@code apps.<appid>.apis} or a rule): a self-imposed cap when below WeChat's figure. */
    CONFIG,
    /** The {@code dailyLimit} of {@code @WeChatApi}: a self-imposed cap when below WeChat's figure. */
    ANNOTATION,
    /** The built-in catalog of documented defaults. */
    CATALOG,
    /** No limit is known: calls are let through until WeChat answers 45009. */
    NONE
}
