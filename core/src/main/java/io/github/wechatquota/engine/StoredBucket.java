package io.github.wechatquota.engine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.wechatquota.store.QuotaStore;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bucket in the quota store, and what stands in for it while the store cannot be reached: every operation on the
 * bucket goes through here, so that store failures are handled in one place, the same way for calls, syncs, clears
 * and reads.
 *
 * <p>The store's bucket is attached lazily: a store that is down when the quota is declared (at start-up, say) does not
 * stop the application; the bucket is attached on the first operation after the store answers again. While it is away,
 * {@code on-failure} decides: a local bucket holding a conservative share ({@code local-fallback}), no count
 * ({@code fail-open}), or a refusal ({@code fail-closed}). Tokens taken locally are taken from the store's bucket when it
 * answers again.
 */
final class StoredBucket {

    private static final Logger LOG = LoggerFactory.getLogger(StoredBucket.class);

    private final QuotaKey key;
    private final String storeKey;
    private final QuotaStore store;
    private final StoreCircuit circuit;
    private final Clock clock;
    private final BucketShapes.Shape shape;
    /** A per-minute bucket: while the store is away calls are not refused for it (WeChat's 45011 guards). */
    private final boolean lenient;
    private volatile Bucket shared;
    /**
     * While the store is unreachable under LOCAL_FALLBACK: this instance's share, counted locally; made the first time
     * it is needed (most quotas never need one).
     */
    private volatile LocalShare fallback;
    /** The store bucket's tokens when last read, or -1. */
    private volatile long lastSeen = -1;
    /** How often the store lost the bucket and it was rebuilt empty; written under the instance lock. */
    private volatile long rebuilds;
    /** Tokens taken in blocks from the shared bucket, or null where leases do not apply (see {@link Lease#of}). */
    private final Lease lease;

    /**
     * @param lenient whether calls go on uncounted by this bucket while the store is away (a minute limit), rather
     *     than as {@code on-failure} says
     */
    StoredBucket(QuotaKey key, String storeKey, QuotaStore store, StoreCircuit circuit, Clock clock,
            BucketShapes.Shape shape, boolean lenient) {
        this(key, storeKey, store, circuit, clock, shape, lenient, null);
    }

    /** @param lease the lease taking this bucket's tokens in blocks, or null */
    StoredBucket(QuotaKey key, String storeKey, QuotaStore store, StoreCircuit circuit, Clock clock,
            BucketShapes.Shape shape, boolean lenient, Lease lease) {
        this.lease = lease;
        this.key = key;
        this.storeKey = storeKey;
        this.store = store;
        this.circuit = circuit;
        this.clock = clock;
        this.shape = shape;
        this.lenient = lenient;
    }

    /** Attaches the store's bucket now if the store answers; a store that does not is tried again later. */
    void attach() {
        attached();
    }

    /**
     * Takes {@code cost} tokens, or none.
     *
     * @throws io.github.wechatquota.QuotaStoreUnavailableException when the store is unreachable under fail-closed
     */
    boolean tryTake(long cost) {
        Lease held = lease;
        if (held != null && held.trySpend(cost)) {
            // Tokens already taken from the shared count: spent even while the store is away.
            if (held.runningLow()) {
                prefetch(held);
            }
            return true;
        }
        Bucket bucket = fallbackActive() && !circuit.shouldTry() ? null : attached();
        if (bucket == null) {
            return whileUnreachable(cost, null);
        }
        try {
            boolean took = held != null ? held.take(bucket, cost) : bucket.tryConsume(cost);
            answered(bucket);
            return took;
        } catch (BucketNotFoundException lost) {
            Bucket rebuilt = rebuildLost();
            return rebuilt != null ? tryTake(rebuilt, cost) : whileUnreachable(cost, null);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return whileUnreachable(cost, unreachable);
        }
    }

    /** The next block, taken by the call that found this one running low; its failure is the store's, not the call's. */
    private void prefetch(Lease held) {
        if (fallbackActive() || !circuit.shouldTry()) {
            return;
        }
        run(held::prefetch);
    }

    private boolean tryTake(Bucket bucket, long cost) {
        try {
            return bucket.tryConsume(cost);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return whileUnreachable(cost, unreachable);
        }
    }

    private boolean whileUnreachable(long cost, RuntimeException cause) {
        if (lenient) {
            return circuit.mode() != StoreFailureMode.FAIL_CLOSED;
        }
        switch (circuit.mode()) {
            case FAIL_OPEN:
                return true;
            case FAIL_CLOSED:
                throw circuit.unavailable(key.toString(), cause);
            default:
                return fallback().tryTake(cost);
        }
    }

    /** Gives back tokens taken for a call that was not made. */
    void giveBack(long cost) {
        LocalShare share = fallback;
        if (circuit.shouldTry() || share == null || !share.giveBack(cost)) {
            run(bucket -> bucket.addTokens(cost));
        }
    }

    /** The tokens available now: the store's, or the local share's while it is away; -1 when unknown. */
    long available() {
        Bucket bucket = fallbackActive() && !circuit.shouldTry() ? null : attached();
        if (bucket != null) {
            try {
                long tokens = bucket.getAvailableTokens();
                lastSeen = tokens;
                answered(bucket);
                return tokens;
            } catch (BucketNotFoundException lost) {
                Bucket rebuilt = rebuildLost();
                if (rebuilt != null) {
                    return read(rebuilt);
                }
            } catch (RuntimeException unreachable) {
                circuit.failed(key.toString(), unreachable);
            }
        }
        LocalShare share = fallback;
        return share == null ? -1 : share.available();
    }

    private long read(Bucket bucket) {
        try {
            return bucket.getAvailableTokens();
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return -1;
        }
    }

    /** The store's tokens when last read, or -1: what a local share is computed from. */
    long lastSeen() {
        return lastSeen;
    }

    /** Takes every token (WeChat said 45009); false when neither the store nor a local share could be drained. */
    boolean drain() {
        dropLease();
        LocalShare share = fallback;
        if (!circuit.shouldTry() && share != null && share.drain()) {
            return true;
        }
        return run(Bucket::tryConsumeAsMuchAsPossible);
    }

    /**
     * Moves the store's tokens by {@code delta} (a sync, a clear, a changed limit). Not applied while the store is away:
     * the local share already counts conservatively, and the next sync corrects the store.
     *
     * @return whether the store applied it
     */
    boolean moveBy(long delta) {
        if (delta == 0) {
            return true;
        }
        return run(bucket -> {
            if (delta > 0) {
                bucket.addTokens(delta);
            } else {
                bucket.tryConsumeAsMuchAsPossible(-delta);
            }
        });
    }

    /** Puts a new configuration in force keeping the tokens held (clipped to a smaller capacity). */
    boolean reconfigure(BucketConfiguration configuration) {
        if (lease != null) {
            run(bucket -> lease.giveBack(bucket, false)); // the new capacity must not clip a block given back later
        }
        return run(bucket -> bucket.replaceConfiguration(configuration, TokensInheritanceStrategy.AS_IS));
    }

    /**
     * Reads the store's bucket with {@code reader}; {@code whenUnreachable} while the store is away.
     */
    <T> T read(Function<Bucket, T> reader, T whenUnreachable) {
        Bucket bucket = fallbackActive() && !circuit.shouldTry() ? null : attached();
        if (bucket == null) {
            return whenUnreachable;
        }
        try {
            T value = reader.apply(bucket);
            answered(bucket);
            return value;
        } catch (BucketNotFoundException lost) {
            rebuildLost();
            return whenUnreachable;
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return whenUnreachable;
        }
    }

    /**
     * The store's tokens for a sync's sample, with every instance's leases at that moment (0 without leases); tokens
     * -1 when the bucket is not attached or the store is away.
     */
    Lease.SharedSample sample() {
        if (!isAttached()) {
            return new Lease.SharedSample(-1, 0);
        }
        if (lease == null) {
            return new Lease.SharedSample(available(), 0);
        }
        if (!circuit.shouldTry()) {
            return new Lease.SharedSample(-1, 0); // no reading of the leases: the sync may only lower the bucket
        }
        try {
            return lease.sample(this::available);
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return new Lease.SharedSample(-1, 0);
        }
    }

    /** Tokens this instance holds in a block, taken from the shared count and not yet spent. */
    long leased() {
        return lease == null ? 0 : lease.held();
    }

    /** The count the block came from is gone (a clear refilled it, WeChat said 45009): the block goes too. */
    void dropLease() {
        if (lease != null) {
            lease.drop(circuit.shouldTry());
        }
    }

    /**
     * A clear reset WeChat's count: the bucket gets {@code usable} back, less what other instances still hold in blocks
     * taken from the count the clear ended (they do not know of the clear and go on spending them until their next
     * exchange); this instance's block is dropped.
     */
    void refillAfterClear(long usable) {
        dropLease();
        if (!moveBy(usable) || lease == null) {
            return;
        }
        try {
            moveBy(-lease.outstanding());
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
        }
    }

    /** The guard closes: what is left of the block goes back to the shared count. */
    void close() {
        if (lease != null) {
            run(bucket -> lease.giveBack(bucket, true));
        }
    }

    /** Whether the store's bucket is attached (so a sync may move it). */
    boolean isAttached() {
        return shared != null;
    }

    /** Runs an operation on the store's bucket, handling its failures; returns whether it ran. */
    private boolean run(Consumer<Bucket> operation) {
        Bucket bucket = attached();
        if (bucket == null) {
            return false;
        }
        try {
            operation.accept(bucket);
            answered(bucket);
            return true;
        } catch (BucketNotFoundException lost) {
            rebuildLost();
            return false;
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return false;
        }
    }

    /** The store's bucket, attaching it first when the store may be tried; null while it cannot be reached. */
    private Bucket attached() {
        Bucket bucket = shared;
        if (bucket != null) {
            return bucket;
        }
        if (!circuit.shouldTry()) {
            return null;
        }
        return attachNow(() -> shape.configuration(capacity(), shape.initialTokens()), false);
    }

    /**
     * Attaches the store's bucket, created from {@code configuration} when the store has none; with {@code replace},
     * even when one is attached already (its state was lost).
     */
    private synchronized Bucket attachNow(Supplier<BucketConfiguration> configuration, boolean replace) {
        Bucket bucket = shared;
        if (bucket != null && !replace) {
            return bucket;
        }
        try {
            bucket = store.bucket(storeKey, configuration.get());
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
            return null;
        }
        shared = bucket;
        answered(bucket);
        return bucket;
    }

    /** How often the store lost this bucket and it was rebuilt empty: a sync sampled before then is void. */
    long rebuilds() {
        return rebuilds;
    }

    /**
     * The store lost this quota's bucket (expired while idle, deleted, a Redis restart): rebuilt empty rather than
     * full, and counted in {@link #rebuilds()}, so that the next call syncs it from WeChat, which fills it with what
     * really remains. Should the sync fail, it stays empty until one succeeds: a lost count is never replaced by a
     * fresh day.
     */
    private Bucket rebuildLost() {
        dropLease();
        if (!lenient) {
            LOG.info("{}: the store has no state for this quota; rebuilding it from WeChat's count", key);
        }
        Bucket rebuilt = attachNow(() -> shape.configuration(capacity(), lenient ? capacity() : 0), true);
        if (rebuilt != null && !lenient) {
            synchronized (this) {
                rebuilds++;
            }
        }
        return rebuilt;
    }

    /** The store answered: what this instance took locally meanwhile is taken from the shared count too. */
    private void answered(Bucket bucket) {
        if (!fallbackActive() && !circuit.degraded()) {
            return;
        }
        circuit.answered();
        try {
            LocalShare share = fallback;
            if (share != null) {
                share.reconcileInto(bucket);
            }
        } catch (RuntimeException unreachable) {
            circuit.failed(key.toString(), unreachable);
        }
    }

    private boolean fallbackActive() {
        LocalShare share = fallback;
        return share != null && share.active();
    }

    private synchronized LocalShare fallback() {
        LocalShare share = fallback;
        if (share == null) {
            share = new LocalShare(key, storeKey, clock, shape, circuit.expectedInstances());
            fallback = share;
        }
        return share;
    }

    private long capacity() {
        return Math.max(1, shape.usable());
    }
}
