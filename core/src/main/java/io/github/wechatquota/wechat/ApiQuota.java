package io.github.wechatquota.wechat;

import java.util.Objects;
import java.util.Optional;

/**
 * WeChat's own count for one API of one account today, as getApiQuota answers it.
 *
 * @param dailyLimit the calls allowed per day; 0 when the API has no daily limit
 * @param used the calls WeChat counted today (by every caller of the account, not only this service)
 * @param remain what is left today
 * @param rateLimit the short-window limit of the API, when it has one
 * @param componentRateLimit the short-window limit for third-party platforms calling on the account's behalf, when
 *     it has one
 */
public record ApiQuota(long dailyLimit, long used, long remain, Optional<RateLimit> rateLimit,
        Optional<RateLimit> componentRateLimit) {

    public ApiQuota {
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(componentRateLimit, "componentRateLimit");
    }
}
