package io.github.wechatquota.processor;

/**
 * The values of one {@code @WeChatApi}, defaults included, as plain data.
 *
 * @param policy the name of the {@code QuotaPolicy} constant
 */
record ApiValues(String cgiPath, long dailyLimit, long perMinuteLimit, String appId, String policy,
        String fallbackMethod, int cost) {

    /** The appid as an index and conflict key: the literal, "" for the default app, or the {@code #} expression. */
    String appIdKey() {
        return appId.strip();
    }

    boolean isAppIdExpression() {
        return appIdKey().startsWith("#");
    }
}
