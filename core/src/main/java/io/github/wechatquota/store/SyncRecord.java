package io.github.wechatquota.store;

import java.time.Instant;

/**
 * What getApiQuota said of one quota, and when.
 *
 * @param at when WeChat answered
 * @param dailyLimit WeChat's {@code daily_limit}
 * @param used WeChat's {@code used}
 * @param remain WeChat's {@code remain}
 * @param perMinuteLimit {@code rate_limit.call_count}, or -1
 * @param refreshSeconds {@code rate_limit.refresh_second}, or -1
 */
public record SyncRecord(Instant at, long dailyLimit, long used, long remain, long perMinuteLimit, long refreshSeconds) {
}
