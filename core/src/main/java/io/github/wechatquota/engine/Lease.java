package io.github.wechatquota.engine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.wechatquota.store.LeaseLedger;
import io.github.wechatquota.store.QuotaStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A block of tokens this instance took from a shared daily bucket in one exchange and spends locally, so that far from
 * the limit a call needs no round trip to the store. The tokens are taken from the shared count before they are
 * spent, so no instance can spend more than the shared bucket held; the ledger records the block before it is taken,
 * so that a sync never hands out again what some instance still holds.
 *
 * <p>A block is sized from this instance's recent rate (about {@linkplain #HORIZON five seconds} of its calls), capped
 * so that what the instance holds stays within {@code 1 / (4 × expected instances)} of what the shared bucket holds
 * after the take; below two tokens, or within a minute of midnight either side, calls take their tokens one exchange
 * at a time, as without leases. A block is spent for at most {@link #VALIDITY} and never past a minute before
 * midnight: the day's tokens stay with the day.
 *
 * <p>Every exchange runs under one lock, so that one thread refills while the others spend; the thread that finds
 * the block under a quarter full takes the next one while the others go on spending the rest.
 */
final class Lease {

    /**
     * How long a block may be spent; what is left after it is carried into the next block while its entry surely
     * holds, else dropped and found again by a sync.
     */
    static final Duration VALIDITY = Duration.ofSeconds(10);
    /** How long an entry outlives its block in the ledger: instances' clocks may differ by that much. */
    static final Duration LAPSE_GRACE = Duration.ofSeconds(60);
    /**
     * A block is about this much of the instance's calls: long enough that a quota called a few times a second still
     * takes a block every few exchanges' worth of calls, short enough to be spent well within {@link #VALIDITY}.
     */
    static final Duration HORIZON = Duration.ofSeconds(5);
    /**
     * How close to midnight, either side, calls take their tokens one exchange at a time: well beyond the clock skew
     * tolerated at midnight ({@link QuotaDays#MIDNIGHT_SKEW}), so that no block is held while the day turns.
     */
    static final Duration EXACT_NEAR_MIDNIGHT = Duration.ofMinutes(1);
    /** All instances' blocks together stay within a quarter of what remains. */
    static final int SHARE_DIVISOR = 4;
    /** Below this, a block saves nothing: calls go one at a time. */
    static final long MIN_BLOCK = 2;

    private final LeaseLedger ledger;
    private final String storeKey;
    private final String owner;
    private final int instances;
    private final QuotaDays days;

    private final AtomicLong tokens = new AtomicLong();
    /** Epoch millis until which the block may be spent; 0 while none is held. */
    private volatile long validUntil;
    /** Below this many tokens, the next block is taken. */
    private volatile long lowWater;
    private final ReentrantLock exchange = new ReentrantLock();

    // Written under the exchange lock.
    /** What the ledger holds for this instance: never less than the tokens held. */
    private long published;
    /** The shared bucket's tokens after the last exchange, or -1 before the first. */
    private long remaining = -1;
    private final LeaseRate rate = new LeaseRate();
    private boolean closed;

    /**
     * The lease of a daily bucket, or null where leases do not apply: turned off, a store that is not shared (a local
     * bucket costs no round trip), or one without a ledger to record them in.
     */
    static Lease of(QuotaStore store, StoreCircuit circuit, String storeKey, QuotaDays days) {
        Leasing leasing = circuit.leasing();
        if (!leasing.enabled() || !store.shared()) {
            return null;
        }
        return store.leases().map(ledger -> new Lease(ledger, storeKey, leasing.owner(), circuit.expectedInstances(),
                days)).orElse(null);
    }

    Lease(LeaseLedger ledger, String storeKey, String owner, int instances, QuotaDays days) {
        this.ledger = ledger;
        this.storeKey = storeKey;
        this.owner = owner;
        this.instances = instances;
        this.days = days;
    }

    /** Spends {@code cost} tokens of the block without asking the store; false when it cannot. */
    boolean trySpend(long cost) {
        if (days.clock().millis() >= validUntil) {
            return false;
        }
        for (;;) {
            long held = tokens.get();
            if (held < cost) {
                return false;
            }
            if (tokens.compareAndSet(held, held - cost)) {
                return true;
            }
        }
    }

    /** Whether the block is running low and nobody is taking the next one yet. */
    boolean runningLow() {
        return tokens.get() < lowWater && !exchange.isLocked();
    }

    /**
     * Takes {@code cost} tokens through the store: from a new block when one is worth taking, else one call's worth
     * from {@code shared}, as without leases.
     *
     * @throws RuntimeException what the store threw (unreachable, or the bucket lost), for the caller to handle
     */
    boolean take(Bucket shared, long cost) {
        exchange.lock();
        try {
            if (trySpend(cost)) {
                return true;
            }
            long now = days.clock().millis();
            dropIfLapsed(now);
            long block = blockSize(now, cost);
            if (block > 0 && takeBlock(shared, block, now)) {
                return trySpend(cost);
            }
            return takeExactly(shared, cost, now);
        } finally {
            exchange.unlock();
        }
    }

    /** Takes the next block before this one runs out, unless another thread is at it or none is worth taking. */
    void prefetch(Bucket shared) {
        if (!exchange.tryLock()) {
            return;
        }
        try {
            long now = days.clock().millis();
            if (tokens.get() >= lowWater || now >= validUntil) {
                return;
            }
            long block = blockSize(now, 1);
            if (block > 0) {
                takeBlock(shared, block, now);
            }
        } finally {
            exchange.unlock();
        }
    }

    /** The tokens held now, for display. */
    long held() {
        return days.clock().millis() < validUntil ? tokens.get() : 0;
    }

    /**
     * Gives what is left of the block back to {@code shared} and clears this instance's entry: at close, and before a
     * limit change. After {@code close}, calls take one call's worth at a time.
     */
    void giveBack(Bucket shared, boolean close) {
        exchange.lock();
        try {
            closed |= close;
            long left = tokens.getAndSet(0);
            boolean valid = mayGiveBack(days.clock().millis());
            validUntil = 0;
            if (left > 0 && valid) {
                shared.addTokens(left); // before the entry goes: a sync never sees these tokens in neither place
            }
            if (published > 0) {
                publish(0, days.clock().millis());
            }
        } finally {
            exchange.unlock();
        }
    }

    /**
     * Drops the block without giving it back: the count it came from is gone (a clear, a lost bucket, WeChat's 45009).
     * The entry is cleared when the store may be asked and answers; otherwise it lapses.
     */
    void drop(boolean clearEntry) {
        exchange.lock();
        try {
            tokens.set(0);
            validUntil = 0;
            remaining = -1;
            if (published > 0 && clearEntry) {
                try {
                    publish(0, days.clock().millis());
                } catch (RuntimeException unreachable) {
                    published = 0; // the entry lapses by itself
                }
            }
        } finally {
            exchange.unlock();
        }
    }

    /**
     * The shared bucket's tokens, read by {@code available}, with the sum of every instance's leases at that moment:
     * the ledger's version is read before and after, and the sum is taken only if no lease moved in between (each
     * take is recorded before it is made, each give-back after it is made, so an unmoved ledger holds at least what
     * was leased while the bucket was read). Tried three times; then the leases are unknown (-1), and the sync is not
     * applied. A store that does not answer gives unknown tokens (-1) and no leases, as a sample without leases does.
     */
    SharedSample sample(LongSupplier available) {
        long day = days.today().toEpochDay();
        for (int attempt = 0; attempt < 3; attempt++) {
            long version = ledger.version(storeKey);
            long tokensNow = available.getAsLong();
            if (tokensNow < 0) {
                return new SharedSample(tokensNow, 0);
            }
            long leased = ledger.outstanding(storeKey, day, days.clock().instant(), version);
            if (leased >= 0) {
                return new SharedSample(tokensNow, leased);
            }
        }
        return new SharedSample(available.getAsLong(), -1);
    }

    /** Every instance's unspent leases on this quota now (this one's dropped first), or 0 when they keep moving. */
    long outstanding() {
        long day = days.today().toEpochDay();
        for (int attempt = 0; attempt < 3; attempt++) {
            long leased = ledger.outstanding(storeKey, day, days.clock().instant(), ledger.version(storeKey));
            if (leased >= 0) {
                return leased;
            }
        }
        return 0;
    }

    /**
     * A shared bucket's tokens and every instance's leases on it, read together.
     *
     * @param tokens the bucket's tokens, or -1 when unknown
     * @param leased the tokens leased and not yet spent, or -1 when they could not be read consistently
     */
    record SharedSample(long tokens, long leased) {
    }

    private boolean takeBlock(Bucket shared, long block, long now) {
        long until = Math.min(now + VALIDITY.toMillis(),
                days.nextMidnight().toEpochMilli() - EXACT_NEAR_MIDNIGHT.toMillis());
        // Recorded before it is taken: at no moment does the ledger show less than this instance holds.
        publish(tokens.get() + block, until);
        ConsumptionProbe probe = shared.tryConsumeAndReturnRemaining(block);
        remaining = probe.getRemainingTokens();
        if (!probe.isConsumed()) {
            publish(tokens.get(), until);
            return false;
        }
        rate.granted(block);
        tokens.addAndGet(block);
        lowWater = block / 4;
        validUntil = until;
        return true;
    }

    private boolean takeExactly(Bucket shared, long cost, long now) {
        long left = tokens.getAndSet(0);
        if (left > 0 || published > 0) {
            // Leaving leases near the limit: what is left goes back, and the entry with it, so that the last calls of
            // the day are not held in a block nobody spends.
            if (left > 0 && mayGiveBack(now)) {
                shared.addTokens(left);
                rate.returned(left);
            }
            validUntil = 0;
            publish(0, now);
        }
        ConsumptionProbe probe = shared.tryConsumeAndReturnRemaining(cost);
        remaining = probe.getRemainingTokens();
        if (probe.isConsumed()) {
            rate.exact(cost);
        }
        return probe.isConsumed();
    }

    /** Whether this instance's entry surely still covers what is left, so that giving it back cannot count it twice. */
    private boolean mayGiveBack(long now) {
        return validUntil != 0 && now < validUntil + LAPSE_GRACE.toMillis() / 2;
    }

    /**
     * A block past its end is dropped, unless its entry is still far from lapsing: then what is left is carried into
     * the next block, whose entry (written before the take) covers it again. A dropped block's tokens stay in the
     * ledger until the entry lapses, and the next sync after that gives them back.
     */
    private void dropIfLapsed(long now) {
        long until = validUntil;
        if (until == 0 || now < until) {
            return;
        }
        if (mayGiveBack(now) && !nearMidnight(now)
                && days.lastMidnight().toEpochMilli() < until) {
            return; // carried: takeBlock records it with the new block, or takeExactly gives it back
        }
        rate.returned(tokens.getAndSet(0));
        validUntil = 0;
    }

    /** Whether {@code now} lies within {@link #EXACT_NEAR_MIDNIGHT} of a midnight, before or after it. */
    private boolean nearMidnight(long now) {
        long window = EXACT_NEAR_MIDNIGHT.toMillis();
        return now - days.lastMidnight().toEpochMilli() < window || days.nextMidnight().toEpochMilli() - now < window;
    }

    /** The block to take now, or 0 to take one call's worth. */
    private long blockSize(long now, long cost) {
        if (closed || remaining < 0) {
            return 0;
        }
        if (nearMidnight(now) || days.nextMidnight().toEpochMilli() - now
                < EXACT_NEAR_MIDNIGHT.toMillis() + HORIZON.toMillis()) {
            return 0;
        }
        // What the instance holds with the new block stays within 1 / (4 × instances) of what the shared bucket holds
        // after it: held + block <= (remaining - block) / share.
        long share = (long) SHARE_DIVISOR * instances;
        long held = tokens.get();
        long cap = (remaining - share * held) / (share + 1);
        long wanted = rate.perSecond(now, held) * HORIZON.toMillis() / 1000;
        long block = Math.min(cap, wanted);
        return block >= Math.max(MIN_BLOCK, cost) ? block : 0;
    }

    private void publish(long amount, long lapsesFrom) {
        ledger.publish(storeKey, owner, days.today().toEpochDay(), amount,
                Instant.ofEpochMilli(lapsesFrom + LAPSE_GRACE.toMillis()));
        published = amount;
    }
}
