package io.github.wechatquota.store;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketListener;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.SchedulingBucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseBucket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local store's bucket for the one shape every quota has: one limit, filled up again all at once at fixed instants
 * (each midnight, each minute window). Five longs a quota instead of a general Bucket4j bucket's object graph, and a
 * permitted call is one compare-and-set on the token count: no lock, no allocation.
 *
 * <p>It answers every plain operation as Bucket4j's own local bucket would. The views that wrap a bucket (blocking,
 * scheduling, verbose, listenable) are not offered: the engine never asks for them, and the store hands out this bucket
 * only for configurations of that one shape ({@link #supports}).
 */
final class AlignedBucket implements Bucket {

    private static final VarHandle TOKENS;

    static {
        try {
            TOKENS = MethodHandles.lookup().findVarHandle(AlignedBucket.class, "tokens", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Clock clock;
    /** Capacity, refill, period and next refill change together, under this object's lock. */
    private volatile long capacity;
    /** Tokens added at each refill instant, at least the capacity (so a bucket not overdrawn is full after it). */
    private volatile long refillTokens;
    private volatile long periodMillis;
    /** The next instant at which the bucket is filled up; read on every call, advanced under the lock. */
    private volatile long nextRefillMillis;
    /** Changed only by compare-and-set, so that calls need no lock. */
    private volatile long tokens;

    private AlignedBucket(Clock clock, Bandwidth limit, long nowMillis) {
        this.clock = clock;
        this.capacity = limit.getCapacity();
        this.refillTokens = limit.getRefillTokens();
        this.periodMillis = TimeUnit.NANOSECONDS.toMillis(limit.getRefillPeriodNanos());
        this.nextRefillMillis = firstRefill(limit, nowMillis);
        this.tokens = limit.isUseAdaptiveInitialTokens() ? limit.getCapacity()
                : Math.min(limit.getCapacity(), limit.getInitialTokens());
    }

    /**
     * A bucket for {@code configuration} if it has the one shape this class counts: a single limit refilled in whole
     * intervals (aligned or not), each refill filling it.
     */
    static Optional<Bucket> of(BucketConfiguration configuration, Clock clock) {
        return supports(configuration)
                ? Optional.of(new AlignedBucket(clock, configuration.getBandwidths()[0], clock.millis()))
                : Optional.empty();
    }

    static boolean supports(BucketConfiguration configuration) {
        Bandwidth[] limits = configuration.getBandwidths();
        if (limits.length != 1) {
            return false;
        }
        Bandwidth limit = limits[0];
        return limit.isRefillIntervally() && limit.getRefillTokens() >= limit.getCapacity()
                && limit.getRefillPeriodNanos() >= TimeUnit.MILLISECONDS.toNanos(1);
    }

    private static long firstRefill(Bandwidth limit, long nowMillis) {
        long period = TimeUnit.NANOSECONDS.toMillis(limit.getRefillPeriodNanos());
        if (!limit.isIntervallyAligned()) {
            return nowMillis + period;
        }
        long first = limit.getTimeOfFirstRefillMillis();
        return first > nowMillis ? first : nextBoundary(first, period, nowMillis);
    }

    /** The first instant after {@code nowMillis} that lies a whole number of periods from {@code anchor}. */
    private static long nextBoundary(long anchor, long period, long nowMillis) {
        return nowMillis + period - Math.floorMod(nowMillis - anchor, period);
    }

    /** Fills the bucket when a refill instant has passed; cheap (one volatile read) when none has. */
    private void refillIfDue(long nowMillis) {
        if (nowMillis >= nextRefillMillis) {
            refill(nowMillis);
        }
    }

    private synchronized void refill(long nowMillis) {
        long due = nextRefillMillis;
        if (nowMillis < due) {
            return; // another thread refilled first
        }
        long refills = 1 + (nowMillis - due) / periodMillis;
        long added = refills > Long.MAX_VALUE / refillTokens ? Long.MAX_VALUE : refills * refillTokens;
        long full = capacity;
        long current;
        long next;
        do {
            current = tokens;
            next = current >= full ? current : Math.min(full, current < 0 ? current + added
                    : current + Math.min(added, full - current)); // the sums cannot overflow
        } while (next != current && !TOKENS.compareAndSet(this, current, next));
        nextRefillMillis = nextBoundary(due, periodMillis, nowMillis);
    }

    @Override
    public boolean tryConsume(long tokensToConsume) {
        checkPositive(tokensToConsume);
        refillIfDue(clock.millis());
        long current;
        do {
            current = tokens;
            if (current < tokensToConsume) {
                return false;
            }
        } while (!TOKENS.compareAndSet(this, current, current - tokensToConsume));
        return true;
    }

    @Override
    public long tryConsumeAsMuchAsPossible() {
        return tryConsumeAsMuchAsPossible(Long.MAX_VALUE);
    }

    @Override
    public long tryConsumeAsMuchAsPossible(long limit) {
        checkPositive(limit);
        refillIfDue(clock.millis());
        long current;
        long taken;
        do {
            current = tokens;
            taken = Math.min(limit, Math.max(0, current));
            if (taken == 0) {
                return 0;
            }
        } while (!TOKENS.compareAndSet(this, current, current - taken));
        return taken;
    }

    @Override
    public ConsumptionProbe tryConsumeAndReturnRemaining(long tokensToConsume) {
        checkPositive(tokensToConsume);
        long now = clock.millis();
        refillIfDue(now);
        long current;
        do {
            current = tokens;
            if (current < tokensToConsume) {
                return ConsumptionProbe.rejected(Math.max(0, current),
                        nanosUntil(tokensToConsume, current, now), nanosUntil(capacity, current, now));
            }
        } while (!TOKENS.compareAndSet(this, current, current - tokensToConsume));
        return ConsumptionProbe.consumed(current - tokensToConsume, nanosUntil(capacity, current - tokensToConsume, now));
    }

    @Override
    public EstimationProbe estimateAbilityToConsume(long tokensToConsume) {
        checkPositive(tokensToConsume);
        long now = clock.millis();
        refillIfDue(now);
        long current = tokens;
        return current >= tokensToConsume ? EstimationProbe.canBeConsumed(current)
                : EstimationProbe.canNotBeConsumed(Math.max(0, current), nanosUntil(tokensToConsume, current, now));
    }

    @Override
    public long consumeIgnoringRateLimits(long tokensToConsume) {
        checkPositive(tokensToConsume);
        long now = clock.millis();
        refillIfDue(now);
        long before = (long) TOKENS.getAndAdd(this, -tokensToConsume);
        return nanosUntil(0, before - tokensToConsume, now);
    }

    @Override
    public void addTokens(long tokensToAdd) {
        checkPositive(tokensToAdd);
        refillIfDue(clock.millis());
        long current;
        long next;
        do {
            current = tokens;
            next = current >= capacity ? current : Math.min(capacity, current + tokensToAdd);
        } while (next != current && !TOKENS.compareAndSet(this, current, next));
    }

    @Override
    public void forceAddTokens(long tokensToAdd) {
        checkPositive(tokensToAdd);
        refillIfDue(clock.millis());
        TOKENS.getAndAdd(this, tokensToAdd);
    }

    @Override
    public synchronized void reset() {
        tokens = capacity;
    }

    @Override
    public long getAvailableTokens() {
        refillIfDue(clock.millis());
        return tokens;
    }

    /**
     * Puts {@code configuration} in force from now on, the tokens carried over as {@code strategy} says.
     *
     * @throws IllegalArgumentException when the new configuration is not of the one shape this bucket counts
     */
    @Override
    public synchronized void replaceConfiguration(BucketConfiguration configuration,
            TokensInheritanceStrategy strategy) {
        if (!supports(configuration)) {
            throw new IllegalArgumentException("The local store's bucket counts one limit refilled whole at intervals;"
                    + " it cannot take " + configuration + ". Use a store whose buckets take any configuration.");
        }
        long now = clock.millis();
        refillIfDue(now);
        Bandwidth limit = configuration.getBandwidths()[0];
        long oldCapacity = capacity;
        long newCapacity = limit.getCapacity();
        refillTokens = limit.getRefillTokens();
        long current;
        long next;
        do {
            current = tokens;
            next = switch (strategy) {
                case RESET -> newCapacity;
                case AS_IS -> Math.min(current, newCapacity);
                case ADDITIVE -> Math.min(newCapacity, current + Math.max(0, newCapacity - oldCapacity));
                case PROPORTIONALLY -> current <= 0 ? current
                        : (long) Math.floor((double) current * newCapacity / oldCapacity);
            };
        } while (!TOKENS.compareAndSet(this, current, next));
        capacity = newCapacity;
        periodMillis = TimeUnit.NANOSECONDS.toMillis(limit.getRefillPeriodNanos());
        nextRefillMillis = firstRefill(limit, now);
    }

    /**
     * How long until the bucket, holding {@code current} now, holds {@code wanted}: 0 when it does, the refill instant
     * that brings them, or never ({@link Long#MAX_VALUE}) for more than the capacity.
     */
    private long nanosUntil(long wanted, long current, long nowMillis) {
        if (current >= wanted) {
            return 0;
        }
        if (wanted > capacity) {
            return Long.MAX_VALUE;
        }
        long refills = (wanted - current + refillTokens - 1) / refillTokens;
        long millis = nextRefillMillis - nowMillis + (refills - 1) * periodMillis;
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }

    private static void checkPositive(long tokens) {
        if (tokens <= 0) {
            throw new IllegalArgumentException("tokens must be positive, was " + tokens);
        }
    }

    @Override
    public BlockingBucket asBlocking() {
        throw unsupportedView("asBlocking");
    }

    @Override
    public SchedulingBucket asScheduler() {
        throw unsupportedView("asScheduler");
    }

    @Override
    public VerboseBucket asVerbose() {
        throw unsupportedView("asVerbose");
    }

    @Override
    public Bucket toListenable(BucketListener listener) {
        throw unsupportedView("toListenable");
    }

    private static UnsupportedOperationException unsupportedView(String view) {
        return new UnsupportedOperationException("The local store's bucket has no " + view + "() view: it counts"
                + " quotas for the engine, which uses its plain operations only.");
    }

    @Override
    public String toString() {
        return "AlignedBucket{tokens=" + tokens + ", capacity=" + capacity + ", nextRefill=" + nextRefillMillis + '}';
    }
}
