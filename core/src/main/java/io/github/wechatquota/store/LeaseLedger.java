package io.github.wechatquota.store;

import java.time.Instant;

/**
 * The leases outstanding on a shared store's quotas: for each quota and instance, how many tokens that instance took
 * from the shared bucket in one exchange and has not yet spent. WeChat has not counted those tokens, yet the shared
 * bucket no longer holds them, so a sync subtracts their sum from what WeChat says remains; otherwise it would hand
 * them out a second time.
 *
 * <p>An entry belongs to one quota day and lapses at its expiry: the entry of an instance that died is given back by
 * the first sync after it lapsed. Every write bumps a version per quota, so that a reader can tell that no lease moved
 * while it read the bucket between two looks at the ledger. A store offers a ledger through
 * {@link QuotaStore#leases()}; without one its instances take one token per exchange.
 */
public interface LeaseLedger {

    /**
     * Writes {@code owner}'s lease on the quota stored under {@code key}, replacing the one before, and bumps the
     * quota's version.
     *
     * @param epochDay the quota day the tokens were taken from ({@code LocalDate.toEpochDay()})
     * @param tokens the tokens leased and not yet spent (an upper bound: never fewer than the instance holds)
     * @param lapsesAt when the entry stops counting, should its owner never write it again
     */
    void publish(String key, String owner, long epochDay, long tokens, Instant lapsesAt);

    /** The quota's version: it changes with every {@link #publish}; 0 when nothing was ever published. */
    long version(String key);

    /**
     * The sum of the quota's leases of {@code epochDay} that have not lapsed at {@code now}, or -1 when its version is
     * no longer {@code version} (a lease moved since the caller looked).
     */
    long outstanding(String key, long epochDay, Instant now, long version);
}
