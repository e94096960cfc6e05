package io.github.wechatquota.spring.autoconfigure;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.store.jdbc.JdbcDialect;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of wechat-quota, under {@code wechat.quota}.
 *
 * @param enabled whether calls to {@code @WeChatApi} methods are guarded at all
 * @param apiBaseUrl WeChat's API base URL; point it at the simulator in tests
 * @param zone the zone whose midnight resets daily quotas (WeChat's is Asia/Shanghai)
 * @param safetyMargin the fraction of each daily limit held back for WeChat's counting error (about 1%)
 * @param defaultPolicy the policy when neither per-API configuration, annotation nor rule sets one: reject, wait or
 *     clear-and-retry
 * @param defaultAppId the account of annotations without appId when several apps are configured
 * @param maxWait the longest a call waits for its quota under the WAIT policy
 * @param waybillLowBalance below this many e-waybills a balance is reported as low
 * @param store where quota state lives
 * @param sync how quotas are synced from getApiQuota
 * @param clear whether and how often quota clears may be spent
 * @param retry retries of calls WeChat answered -1 (system busy)
 * @param metrics which accounts have Micrometer meters of their own
 * @param apps the accounts, by appid
 * @param rules ordered rules matching cgi paths by Ant pattern; the first rule that sets a value wins
 */
@ConfigurationProperties("wechat.quota")
public record WeChatQuotaProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("https://api.weixin.qq.com") URI apiBaseUrl,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("0.01") double safetyMargin,
        @DefaultValue("reject") QuotaPolicy defaultPolicy,
        String defaultAppId,
        @DefaultValue("5s") Duration maxWait,
        @DefaultValue("100") long waybillLowBalance,
        @DefaultValue Store store,
        @DefaultValue Sync sync,
        @DefaultValue Clear clear,
        @DefaultValue Retry retry,
        @DefaultValue Metrics metrics,
        Map<String, App> apps,
        List<Rule> rules) {

    public WeChatQuotaProperties {
        apps = apps == null ? Map.of() : Map.copyOf(apps);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Where state lives. */
    public enum StoreType {
        /** In-process (Caffeine): one instance. */
        LOCAL,
        /** Redis through Bucket4j's Lettuce integration: many instances. */
        REDIS,
        /** The application's PostgreSQL, MySQL 8 or MariaDB 10.11+ {@code DataSource}: many instances. */
        JDBC
    }

    /** What happens to calls when the store cannot be reached. */
    public enum OnFailure {
        /** Count in a local bucket holding a conservative share, and reconcile when the store returns. */
        LOCAL_FALLBACK,
        /** Let calls through uncounted. */
        FAIL_OPEN,
        /** Refuse calls with QuotaStoreUnavailableException. */
        FAIL_CLOSED
    }

    /**
     * The store.
     *
     * @param type local, redis or jdbc
     * @param keyPrefix the prefix of every key the store holds
     * @param onFailure what calls do while the store is unreachable: local-fallback, fail-open or fail-closed
     * @param expectedInstances how many instances share the store: under local-fallback each counts at most the last
     *     known remainder divided by this, and a sync holds back this many times its own calls in flight
     * @param maxKeys the most quotas the local store keeps
     * @param lease blocks of tokens taken from a shared store in one exchange
     * @param redis the Redis store, for type redis
     * @param jdbc the JDBC store (PostgreSQL, MySQL, MariaDB), for type jdbc
     */
    public record Store(
            @DefaultValue("local") StoreType type,
            @DefaultValue("wxq") String keyPrefix,
            @DefaultValue("local-fallback") OnFailure onFailure,
            @DefaultValue("2") int expectedInstances,
            @DefaultValue("1000000") long maxKeys,
            @DefaultValue Lease lease,
            @DefaultValue Redis redis,
            @DefaultValue Jdbc jdbc) {
    }

    /**
     * Leases on a shared store (redis, jdbc).
     *
     * @param enabled whether far from the limit an instance takes tokens in blocks, one exchange with the store for
     *     many calls, giving back what it did not spend when it stops; near the limit, and within a minute of midnight,
     *     calls take their tokens one exchange at a time either way
     */
    public record Lease(
            @DefaultValue("true") boolean enabled) {
    }

    /**
     * The Redis store.
     *
     * @param uri the Redis URI (standalone, or {@code redis-sentinel://}); when unset, the application's Lettuce client
     *     is used (a {@code RedisClient} bean, or Spring Data Redis' Lettuce connection factory), else
     *     redis://127.0.0.1:6379
     * @param commandTimeout how long one Redis command may take before the store counts as unreachable
     */
    public record Redis(
            String uri,
            @DefaultValue("500ms") Duration commandTimeout) {
    }

    /**
     * The JDBC store, on the application's {@code DataSource}: PostgreSQL, MySQL 8 or MariaDB 10.11+.
     *
     * @param dialect the database's SQL dialect: postgresql, mysql or mariadb; unset, it is read from the
     *     DataSource's driver
     * @param createTables whether the store's tables are created at start-up when missing; when false and they are
     *     missing, start-up fails with the DDL to run
     * @param tablePrefix the prefix of the store's table names
     * @param queryTimeout how long one statement may take before the store counts as unreachable
     */
    public record Jdbc(
            JdbcDialect dialect,
            @DefaultValue("false") boolean createTables,
            @DefaultValue("wxq") String tablePrefix,
            @DefaultValue("2s") Duration queryTimeout) {
    }

    /**
     * Sync from getApiQuota.
     *
     * @param onStartup whether every known quota is synced before the application is ready
     * @param interval the period of the periodic sync: every tenth of it a round asks WeChat about the quotas whose
     *     answer can matter (first use of a day, a share of the limit crossed, in use all interval long past half the
     *     limit, an unexpected 45009); 0 turns the periodic sync off
     * @param concurrency how many getApiQuota calls run at once
     * @param startupTimeout how long start-up waits for the first sync before going on with stand-in limits
     * @param onFirstUse whether a quota first seen after start-up (an appid from SpEL, say) is synced at once
     */
    public record Sync(
            @DefaultValue("true") boolean onStartup,
            @DefaultValue("10m") Duration interval,
            @DefaultValue("8") int concurrency,
            @DefaultValue("30s") Duration startupTimeout,
            @DefaultValue("true") boolean onFirstUse) {
    }

    /**
     * Quota clears.
     *
     * @param enabled whether clears may be spent, by the CLEAR_AND_RETRY policy or an operator through Actuator
     * @param maxPerMonth how many of WeChat's ten monthly clears this library may spend; the rest stays for people
     */
    public record Clear(@DefaultValue("false") boolean enabled, @DefaultValue("3") int maxPerMonth) {
    }

    /** Which accounts have meters of their own. */
    public enum MetricsAccounts {
        /** Accounts configured under wechat.quota.apps; the others are counted together under app_id "other". */
        CONFIGURED,
        /** Every account: fine for a few accounts, 20 series an account for a platform's thousands. */
        ALL
    }

    /**
     * Micrometer meters.
     *
     * @param accounts configured (the accounts under wechat.quota.apps have meters of their own, the others are
     *     counted together per API under app_id "other") or all (every account its own)
     * @param closestAccounts under accounts=configured, how many of the other accounts, those with the least share of
     *     a daily quota left, get remaining and margin gauges of their own (recomputed every 10 seconds)
     */
    public record Metrics(@DefaultValue("configured") MetricsAccounts accounts,
            @DefaultValue("10") int closestAccounts) {
    }

    /**
     * Retries of -1 (system busy).
     *
     * @param maxAttempts attempts in all, the first included
     * @param initialBackoff the first wait, doubled after each attempt
     */
    public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("500ms") Duration initialBackoff) {
    }

    /**
     * One account.
     *
     * @param accountType official-account, mini-program, test-account or third-party-platform: selects the default
     *     limits
         * @param secret the app secret, for stable_token and clear_quota/v2 (a platform's: component/clear_quota/v2);
     *     never logged or shown
     * @param apis per-API settings, keyed by cgi path in brackets: {@code "[/cgi-bin/message/custom/send]"}
     * @param platform the component appid of the third-party platform that calls WeChat for this account: its clears
     *     go through the platform's component/clear_quota/v2, and component_rate_limit is its minute limit
     * @param authorizers for a third-party-platform: which appids that are not configured are its authorized accounts,
     *     an appid or a prefix ending in * (* for every one, the default)
     */
    public record App(
            @DefaultValue("official-account") AccountType accountType,
            String secret,
            Map<String, Api> apis,
            String platform,
            String authorizers) {

        public App {
            apis = apis == null ? Map.of() : Map.copyOf(apis);
        }

        @Override
        public String toString() {
            return "App[accountType=" + accountType + ", secret=" + (secret == null || secret.isEmpty() ? "none" : "***")
                    + ", apis=" + apis + (platform == null ? "" : ", platform=" + platform)
                    + (authorizers == null ? "" : ", authorizers=" + authorizers) + "]";
        }
    }

    /**
     * One API of one account. What is left out is left to WeChat, the annotation, the rules and the catalog.
     *
     * @param dailyLimit the daily limit; below WeChat's it is a self-imposed cap
     * @param perMinuteLimit the per-minute limit
     * @param policy reject, fallback, wait or clear-and-retry; beats the annotation
     * @param reserve a fraction of the daily limit to leave unused
     */
    public record Api(Long dailyLimit, Long perMinuteLimit, QuotaPolicy policy, Double reserve) {
    }

    /**
     * One rule. What is left out is left to later rules.
     *
     * @param match an Ant pattern over cgi paths, e.g. {@code /cgi-bin/message/**}
     * @param appId the accounts the rule applies to, an appid or a prefix ending in * (wx12*); empty for all
     * @param policy the policy for matching APIs
     * @param reserve a fraction of the daily limit to leave unused
     * @param dailyLimit a daily limit for matching APIs
     * @param perMinuteLimit a per-minute limit for matching APIs
     * @param platform only the accounts this third-party platform (its component appid) calls WeChat for
     */
    public record Rule(String match, String appId, QuotaPolicy policy, Double reserve, Long dailyLimit,
            Long perMinuteLimit, String platform) {
    }
}
