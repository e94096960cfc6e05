package io.github.wechatquota.engine;

import io.github.bucket4j.Bucket;
import io.github.wechatquota.store.LocalQuotaStore;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one instance may take of a shared bucket while the store cannot be reached ({@code local-fallback}): a local
 * bucket holding its share of what was known to remain, and the tokens taken from it, to be taken from the shared
 * bucket when the store answers again.
 */
final class LocalShare {

    private static final Logger LOG = LoggerFactory.getLogger(LocalShare.class);

    private final QuotaKey key;
    private final String storeKey;
    private final Clock clock;
    private final BucketShapes.Shape shape;
    private final int instances;
    private volatile Bucket bucket;
    private final AtomicLong unreconciled = new AtomicLong();

    LocalShare(QuotaKey key, String storeKey, Clock clock, BucketShapes.Shape shape, int instances) {
        this.key = key;
        this.storeKey = storeKey;
        this.clock = clock;
        this.shape = shape;
        this.instances = instances;
    }

    /** Whether a share is being counted (the store was away when a call came). */
    boolean active() {
        return bucket != null;
    }

    /** Takes {@code cost} from the share, creating it from what is known first. */
    boolean tryTake(long cost) {
        if (bucket().tryConsume(cost)) {
            unreconciled.addAndGet(cost);
            return true;
        }
        return false;
    }

    /** Gives back tokens taken for a call that was not made; false when no share is being counted. */
    boolean giveBack(long cost) {
        Bucket local = bucket;
        if (local == null) {
            return false;
        }
        local.addTokens(cost);
        unreconciled.addAndGet(-cost);
        return true;
    }

    /** The share's tokens, or -1 when none is being counted. */
    long available() {
        Bucket local = bucket;
        return local != null ? local.getAvailableTokens() : -1;
    }

    /** Takes every token of the share (WeChat said 45009); false when none is being counted. */
    boolean drain() {
        Bucket local = bucket;
        if (local == null) {
            return false;
        }
        local.tryConsumeAsMuchAsPossible();
        return true;
    }

    /**
     * The store answers again: the share ends, and what it took is taken from {@code shared}. Should that fail, the
     * share goes on and the tokens stay to be taken at the next answer.
     */
    synchronized void reconcileInto(Bucket shared) {
        if (bucket == null) {
            return;
        }
        long taken = unreconciled.getAndSet(0);
        bucket = null;
        try {
            if (taken > 0) {
                shared.tryConsumeAsMuchAsPossible(taken);
            }
        } catch (RuntimeException unreachable) {
            unreconciled.addAndGet(taken);
            throw unreachable;
        }
        LOG.info("{}: store reachable again; {} call(s) counted locally were taken from the shared count", key, taken);
    }

    private synchronized Bucket bucket() {
        Bucket current = bucket;
        if (current == null) {
            long usable = Math.max(1, shape.usable());
            long share = Math.max(1, usable / instances);
            long known = shape.knownRemaining();
            long initial = (known >= 0 ? known : usable) / instances;
            current = LocalQuotaStore.create(clock, 1).bucket(storeKey, shape.configuration(share, initial));
            bucket = current;
            LOG.warn("{}: counting locally while the store is away: {} of a share of {} ({} {} over {} expected "
                    + "instances)", key, initial, share, known >= 0 ? "last known remainder" : "no remainder known; "
                    + "the stand-in limit", known >= 0 ? known : usable, instances);
        }
        return current;
    }
}
