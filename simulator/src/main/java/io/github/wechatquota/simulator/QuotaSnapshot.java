package io.github.wechatquota.simulator;

/**
 * What getApiQuota would answer for one (appid, cgi_path) now.
 *
 * @param dailyLimit the daily limit, 0 when the API has none
 * @param used the calls counted today, drift included
 * @param remain what is left today, never negative
 */
public record QuotaSnapshot(long dailyLimit, long used, long remain) {
}
