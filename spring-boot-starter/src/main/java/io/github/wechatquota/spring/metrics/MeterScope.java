package io.github.wechatquota.spring.metrics;

/**
 * Which accounts get meters of their own ({@code app_id} their appid) and which are counted together under
 * {@code app_id="other"}: a platform with 10,000 authorized accounts and 20 APIs would otherwise publish 200,000 series
 * of each meter.
 *
 * @param allAccounts whether every account gets its own meters; otherwise only configured accounts do, and the
 *     others are counted together, the {@code closestAccounts} of them nearest their limit with gauges of their own
 * @param closestAccounts how many accounts that are not configured get gauges of their own, chosen as those with the
 *     least share of a daily quota left; 0 for none
 */
public record MeterScope(boolean allAccounts, int closestAccounts) {

    /** The tag value of the accounts counted together. */
    public static final String OTHER_ACCOUNTS = "other";

    public MeterScope {
        if (closestAccounts < 0) {
            throw new IllegalArgumentException("closestAccounts is " + closestAccounts
                    + ": give 0 or more (wechat.quota.metrics.closest-accounts)");
        }
    }

    /** Meters of its own for every account: for applications with a few accounts, all of them known. */
    public static MeterScope everyAccount() {
        return new MeterScope(true, 0);
    }

    /** Meters of their own for configured accounts, and gauges for the {@code closest} others nearest their limit. */
    public static MeterScope configuredAccounts(int closest) {
        return new MeterScope(false, closest);
    }
}
