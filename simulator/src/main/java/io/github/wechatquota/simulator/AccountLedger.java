package io.github.wechatquota.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Everything WeChat counts for one account: calls per API today and this minute, clears this month, e-waybill
 * balances. Days and months are those of Asia/Shanghai. All methods lock the ledger, so counts are exact under
 * any number of concurrent requests.
 */
final class AccountLedger {

    static final ZoneId WECHAT_ZONE = ZoneId.of("Asia/Shanghai");
    static final int MONTHLY_CLEARS = 10;
    static final int MONTHLY_API_CLEARS = 50;

    enum Admission { ADMITTED, DAILY_LIMIT_REACHED, MINUTE_LIMIT_REACHED }

    enum ClearResult { CLEARED, BUDGET_EXHAUSTED }

    /**
     * Limits that apply to one call: -1 for none. {@code perMinute} holds the account's own calls, {@code
     * componentPerMinute} the calls a third-party platform makes for it; both share the daily limit.
     */
    record Limits(long daily, long perMinute, long componentPerMinute, int refreshSeconds) {
    }

    /** Calls in the current minute window, one for the account's own calls and one for its platform's. */
    private static final class MinuteWindow {
        long window = Long.MIN_VALUE;
        long calls;

        boolean take(long limit, long now) {
            if (now != window) {
                window = now;
                calls = 0;
            }
            if (calls >= limit) {
                return false;
            }
            calls++;
            return true;
        }
    }

    private static final class ApiCounter {
        LocalDate day;
        long calls;
        final MinuteWindow own = new MinuteWindow();
        final MinuteWindow component = new MinuteWindow();
    }

    private final SimulatedAccount account;
    private final Map<String, ApiCounter> counters = new HashMap<>();
    private final Map<String, Long> dailyLimits = new HashMap<>();
    private final Map<String, Long> minuteLimits = new HashMap<>();
    private final Map<String, Long> componentMinuteLimits = new HashMap<>();
    private final Map<String, Long> waybillBalances = new HashMap<>();
    private YearMonth clearMonth;
    private int clears;
    private int apiClears;

    AccountLedger(SimulatedAccount account) {
        this.account = account;
    }

    SimulatedAccount account() {
        return account;
    }

    /**
     * Counts one call if the limits let it through. {@code viaPlatform} says a third-party platform made it with an
     * authorizer_access_token: it then takes from the component minute limit instead of the account's own.
     */
    synchronized Admission admit(String cgiPath, Limits limits, Instant now, double drift, boolean viaPlatform) {
        ApiCounter counter = counter(cgiPath, now);
        if (limits.daily() > 0 && counted(counter.calls, drift) >= limits.daily()) {
            return Admission.DAILY_LIMIT_REACHED;
        }
        long perMinute = viaPlatform ? limits.componentPerMinute() : limits.perMinute();
        MinuteWindow minute = viaPlatform ? counter.component : counter.own;
        if (perMinute > 0 && !minute.take(perMinute, now.getEpochSecond() / limits.refreshSeconds())) {
            return Admission.MINUTE_LIMIT_REACHED;
        }
        counter.calls++;
        return Admission.ADMITTED;
    }

    /** The count WeChat reports: real calls, inflated by the drift WeChat's own counting has. */
    synchronized long used(String cgiPath, Instant now, double drift) {
        return counted(counter(cgiPath, now).calls, drift);
    }

    synchronized void setUsed(String cgiPath, long used, Instant now) {
        counter(cgiPath, now).calls = used;
    }

    synchronized OptionalLong dailyLimitOverride(String cgiPath) {
        Long limit = dailyLimits.get(cgiPath);
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    synchronized OptionalLong minuteLimitOverride(String cgiPath) {
        Long limit = minuteLimits.get(cgiPath);
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    synchronized void setDailyLimit(String cgiPath, long limit) {
        dailyLimits.put(cgiPath, limit);
    }

    synchronized void setMinuteLimit(String cgiPath, long limit) {
        minuteLimits.put(cgiPath, limit);
    }

    synchronized OptionalLong componentMinuteLimit(String cgiPath) {
        Long limit = componentMinuteLimits.get(cgiPath);
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    synchronized void setComponentMinuteLimit(String cgiPath, long limit) {
        componentMinuteLimits.put(cgiPath, limit);
    }

    /** clear_quota: every daily counter of the account back to zero, within ten a month. */
    synchronized ClearResult clearAll(Instant now) {
        rollMonth(now);
        if (clears >= MONTHLY_CLEARS) {
            return ClearResult.BUDGET_EXHAUSTED;
        }
        clears++;
        counters.values().forEach(counter -> counter.calls = 0);
        return ClearResult.CLEARED;
    }

    /** clearApiQuota: one API's daily counter back to zero, within fifty a month. */
    synchronized ClearResult clearApi(String cgiPath, Instant now) {
        rollMonth(now);
        if (apiClears >= MONTHLY_API_CLEARS) {
            return ClearResult.BUDGET_EXHAUSTED;
        }
        apiClears++;
        counter(cgiPath, now).calls = 0;
        return ClearResult.CLEARED;
    }

    synchronized int clearsUsed(Instant now) {
        rollMonth(now);
        return clears;
    }

    synchronized void setClearsUsed(int used, Instant now) {
        rollMonth(now);
        clears = used;
    }

    synchronized int apiClearsUsed(Instant now) {
        rollMonth(now);
        return apiClears;
    }

    /** Back to a new account's state: no counts, no limits set by tests, no clears, no e-waybill accounts. */
    synchronized void reset() {
        counters.clear();
        dailyLimits.clear();
        minuteLimits.clear();
        waybillBalances.clear();
        clearMonth = null;
        clears = 0;
        apiClears = 0;
    }

    synchronized void setWaybillBalance(String deliveryId, String bizId, long balance) {
        waybillBalances.put(waybillKey(deliveryId, bizId), balance);
    }

    synchronized OptionalLong waybillBalance(String deliveryId, String bizId) {
        Long balance = waybillBalances.get(waybillKey(deliveryId, bizId));
        return balance == null ? OptionalLong.empty() : OptionalLong.of(balance);
    }

    /** Takes one waybill from the balance; false when the balance is unknown or empty. */
    synchronized boolean takeWaybill(String deliveryId, String bizId) {
        String key = waybillKey(deliveryId, bizId);
        Long balance = waybillBalances.get(key);
        if (balance == null || balance <= 0) {
            return false;
        }
        waybillBalances.put(key, balance - 1);
        return true;
    }

    private static String waybillKey(String deliveryId, String bizId) {
        return deliveryId + '\n' + bizId;
    }

    private static long counted(long calls, double drift) {
        return calls + (long) Math.floor(calls * drift);
    }

    private ApiCounter counter(String cgiPath, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, WECHAT_ZONE);
        ApiCounter counter = counters.computeIfAbsent(cgiPath, path -> new ApiCounter());
        if (!today.equals(counter.day)) {
            counter.day = today;
            counter.calls = 0;
        }
        return counter;
    }

    private void rollMonth(Instant now) {
        YearMonth month = YearMonth.from(now.atZone(WECHAT_ZONE));
        if (!month.equals(clearMonth)) {
            clearMonth = month;
            clears = 0;
            apiClears = 0;
        }
    }
}
