package io.github.wechatquota.engine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.wechatquota.WeChatQuotaException;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.wechat.WeChatAdminClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-waybill balances: unlike a daily quota, a balance does not refill at midnight; each order add uses one, and only a
 * recharge (seen by logistics getQuota) adds more. Kept as store buckets that never refill, so instances share them.
 */
final class WaybillBalances {

    private static final Logger LOG = LoggerFactory.getLogger(WaybillBalances.class);
    /** Bucket4j wants a refill; a balance gets none within any realistic uptime. */
    private static final Duration NEVER = Duration.ofDays(3650);

    private final class Balance {
        final String appId;
        final WaybillAccount account;
        volatile Bucket bucket;
        volatile Instant lastSyncedAt;
        volatile String lastSyncError;

        Balance(String appId, WaybillAccount account) {
            this.appId = appId;
            this.account = account;
        }

        String storeKey() {
            return keyPrefix + ":" + appId + ":waybill:" + account.deliveryId() + ":" + account.bizId();
        }

        synchronized void sync() {
            long before = bucket == null ? -1 : bucket.getAvailableTokens();
            try {
                long balance = tokens.withToken(appId,
                        token -> admin.getWaybillQuota(token, account.deliveryId(), account.bizId()));
                BucketConfiguration configuration = configuration(balance);
                if (bucket == null) {
                    bucket = store.bucket(storeKey(), configuration);
                    bucket.replaceConfiguration(configuration, TokensInheritanceStrategy.RESET);
                } else {
                    // Move by the difference where the capacity has room for it: grow the capacity first, shrink it
                    // last, so that AS_IS clipping the tokens to a smaller capacity does not count the drop twice.
                    long delta = balance - before;
                    if (delta >= 0) {
                        bucket.replaceConfiguration(configuration, TokensInheritanceStrategy.AS_IS);
                        if (delta > 0) {
                            bucket.addTokens(delta);
                        }
                    } else {
                        bucket.tryConsumeAsMuchAsPossible(-delta);
                        bucket.replaceConfiguration(configuration, TokensInheritanceStrategy.AS_IS);
                    }
                }
                lastSyncedAt = clock.instant();
                lastSyncError = null;
            } catch (WeChatQuotaException e) {
                lastSyncError = e.getMessage();
                LOG.warn("Sync of the e-waybill balance of {} {}/{} failed; keeping the last known balance: {}", appId,
                        account.deliveryId(), account.bizId(), e.getMessage());
            }
        }

        WaybillSnapshot snapshot() {
            Bucket current = bucket;
            long balance = current == null ? -1 : Math.max(0, current.getAvailableTokens());
            return new WaybillSnapshot(appId, account, balance, balance >= 0 && balance < lowThreshold, lastSyncedAt,
                    lastSyncError);
        }
    }

    private record Key(String appId, WaybillAccount account) {
    }

    private final QuotaStore store;
    private final WeChatAdminClient admin;
    private final TokenCalls tokens;
    private final Clock clock;
    private final String keyPrefix;
    private final long lowThreshold;
    private final Map<Key, Balance> balances = new ConcurrentHashMap<>();

    WaybillBalances(QuotaStore store, WeChatAdminClient admin, TokenCalls tokens, Clock clock, String keyPrefix,
            long lowThreshold) {
        this.store = store;
        this.admin = admin;
        this.tokens = tokens;
        this.clock = clock;
        this.keyPrefix = keyPrefix;
        this.lowThreshold = lowThreshold;
    }

    /**
     * Uses one waybill of the account's balance. The first use syncs the balance; while it is unknown (WeChat
     * unreachable) the order is let through, for WeChat to refuse if the balance is empty.
     */
    boolean tryUse(String appId, WaybillAccount account) {
        Balance balance = balances.computeIfAbsent(new Key(appId, account), key -> new Balance(appId, account));
        if (balance.bucket == null) {
            balance.sync();
        }
        Bucket bucket = balance.bucket;
        return bucket == null || bucket.tryConsume(1);
    }

    void syncAll() {
        balances.values().forEach(Balance::sync);
    }

    List<WaybillSnapshot> snapshots() {
        return balances.values().stream().map(Balance::snapshot)
                .sorted(Comparator.comparing(WaybillSnapshot::appId)
                        .thenComparing(s -> s.account().deliveryId()).thenComparing(s -> s.account().bizId()))
                .toList();
    }

    private static BucketConfiguration configuration(long balance) {
        long capacity = Math.max(1, balance);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, NEVER)
                        .initialTokens(Math.max(0, balance)).id("waybill").build())
                .build();
    }
}
