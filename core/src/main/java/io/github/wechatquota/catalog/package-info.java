/**
 * WeChat's documented default call limits, per account type and {@code cgi_path}, and the rules a {@code cgi_path}
 * must follow.
 *
 * <p>{@link io.github.wechatquota.catalog.QuotaCatalog#builtIn()} reads the catalog shipped in this jar (the same file
 * the simulator serves as WeChat's defaults). Its figures are the last resort before a getApiQuota sync: WeChat raises
 * limits as an account grows, so a synced {@code daily_limit} always takes precedence.
 *
 * <p>{@link io.github.wechatquota.catalog.CgiPath} validates the paths users write in {@code @WeChatApi(cgiPath = ...)}
 * and in configuration, with messages that say how to fix them.
 */
package io.github.wechatquota.catalog;
