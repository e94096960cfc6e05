package io.github.wechatquota.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that calls one WeChat API, so that each call is counted against that API's quota for the account.
 *
 * <pre>{@code
 * @WeChatApi(cgiPath = "/cgi-bin/message/custom/send", onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "queue")
 * WxResult send(@RequestBody CustomMessage message);
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WeChatApi {

    /** The API's path as getApiQuota names it: no host, a leading '/', e.g. {@code /cgi-bin/message/custom/send}. */
    String cgiPath();

    /** The daily limit; -1 takes it from getApiQuota, else configuration, else the built-in catalog. */
    long dailyLimit() default -1;

    /** The per-minute limit; -1 takes it from getApiQuota's {@code rate_limit}, else none. */
    long perMinuteLimit() default -1;

    /** A literal appid, or an expression over the arguments such as {@code "#appId"}; "" is the default app. */
    String appId() default "";

    /** What to do when the quota is used up; {@link QuotaPolicy#DEFAULT} leaves it to configuration. */
    QuotaPolicy onExhausted() default QuotaPolicy.DEFAULT;

    /**
     * A method of the same bean (or a default method of the same interface) with the same parameters, optionally plus
     * a trailing {@link io.github.wechatquota.QuotaExhaustedException}, called instead when the quota is used up.
     */
    String fallbackMethod() default "";

    /** The tokens one call takes. */
    int cost() default 1;
}
