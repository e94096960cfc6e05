package io.github.wechatquota.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.github.wechatquota.simulator.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlignedBucketTest {

    /** 23:00 in Shanghai: midnight is an hour away. */
    private static final Instant NIGHT = Instant.parse("2026-11-22T15:00:00Z");
    private static final Instant MIDNIGHT = Instant.parse("2026-11-22T16:00:00Z");

    private final MutableClock clock = MutableClock.at(NIGHT, ZoneId.of("Asia/Shanghai"));

    private static BucketConfiguration daily(long capacity, long initialTokens, Instant firstRefill) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity)
                        .refillIntervallyAligned(capacity, Duration.ofDays(1), firstRefill)
                        .initialTokens(initialTokens).build())
                .build();
    }

    private Bucket aligned(BucketConfiguration configuration) {
        return AlignedBucket.of(configuration, clock).orElseThrow();
    }

    private Bucket bucket4j(BucketConfiguration configuration) {
        var builder = Bucket.builder().withCustomTimePrecision(LocalQuotaStore.timeMeter(clock))
                .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED);
        for (Bandwidth limit : configuration.getBandwidths()) {
            builder.addLimit(limit);
        }
        return builder.build();
    }

    @Test
    void refill_atTheAlignedInstant_fillsTheBucket() {
        Bucket bucket = aligned(daily(100, 3, MIDNIGHT));
        clock.set(MIDNIGHT.minusMillis(1));
        assertThat(bucket.getAvailableTokens()).isEqualTo(3);

        clock.set(MIDNIGHT);

        assertThat(bucket.getAvailableTokens()).isEqualTo(100);
    }

    @Test
    void refill_afterSeveralDaysAway_happensOnceAndKeepsTheAlignment() {
        Bucket bucket = aligned(daily(100, 0, MIDNIGHT));
        clock.set(MIDNIGHT.plus(Duration.ofDays(3)).plusSeconds(5));
        bucket.tryConsume(100);

        clock.set(MIDNIGHT.plus(Duration.ofDays(4)).minusMillis(1));
        assertThat(bucket.getAvailableTokens()).isZero();
        clock.set(MIDNIGHT.plus(Duration.ofDays(4)));
        assertThat(bucket.getAvailableTokens()).isEqualTo(100);
    }

    @Test
    void tryConsume_takesTokensUntilNoneAreLeft() {
        Bucket bucket = aligned(daily(5, 5, MIDNIGHT));

        assertThat(bucket.tryConsume(3)).isTrue();
        assertThat(bucket.tryConsume(3)).isFalse();
        assertThat(bucket.tryConsume(2)).isTrue();
        assertThat(bucket.getAvailableTokens()).isZero();
    }

    @Test
    void addTokens_stopsAtTheCapacity() {
        Bucket bucket = aligned(daily(10, 2, MIDNIGHT));

        bucket.addTokens(50);

        assertThat(bucket.getAvailableTokens()).isEqualTo(10);
    }

    @Test
    void replaceConfiguration_asIs_keepsTheTokensClippedToTheNewCapacity() {
        Bucket bucket = aligned(daily(100, 80, MIDNIGHT));

        bucket.replaceConfiguration(daily(50, 50, MIDNIGHT), TokensInheritanceStrategy.AS_IS);

        assertThat(bucket.getAvailableTokens()).isEqualTo(50);
        bucket.tryConsume(50);
        clock.set(MIDNIGHT);
        assertThat(bucket.getAvailableTokens()).isEqualTo(50);
    }

    @Test
    void of_aGreedyOrSeveralLimitConfiguration_isNotTaken() {
        BucketConfiguration greedy = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(10).refillGreedy(10, Duration.ofMinutes(1)).build()).build();
        BucketConfiguration twoLimits = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(10).refillIntervally(10, Duration.ofMinutes(1)).build())
                .addLimit(Bandwidth.builder().capacity(100).refillIntervally(100, Duration.ofDays(1)).build())
                .build();

        assertThat(AlignedBucket.of(greedy, clock)).isEmpty();
        assertThat(AlignedBucket.of(twoLimits, clock)).isEmpty();
    }

    @Test
    void localStore_givesOtherConfigurationsABucket4jBucketThatHonoursThem() {
        LocalQuotaStore store = LocalQuotaStore.create(clock, 10);
        BucketConfiguration greedy = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(60).refillGreedy(60, Duration.ofMinutes(1)).build()).build();
        Bucket bucket = store.bucket("greedy", greedy);
        bucket.tryConsumeAsMuchAsPossible();

        clock.advance(Duration.ofSeconds(10));

        assertThat(bucket.getAvailableTokens()).isEqualTo(10);
    }

    @Test
    void replaceConfiguration_withAnotherShape_isRefusedNamingWhy() {
        Bucket bucket = aligned(daily(10, 10, MIDNIGHT));
        BucketConfiguration greedy = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(10).refillGreedy(10, Duration.ofMinutes(1)).build()).build();

        assertThatThrownBy(() -> bucket.replaceConfiguration(greedy, TokensInheritanceStrategy.AS_IS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counts one limit refilled whole at intervals");
        assertThat(bucket.getAvailableTokens()).isEqualTo(10);
    }

    @Test
    void views_areRefusedNamingWhy() {
        Bucket bucket = aligned(daily(10, 10, MIDNIGHT));

        assertThatThrownBy(bucket::asBlocking).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no asBlocking() view");
    }

    /**
     * The same operations, with the clock moving across many midnights, on this bucket and on Bucket4j's own: every
     * answer the same, step by step.
     */
    @Test
    void everyOperation_answersAsBucket4jsOwnBucketDoes() {
        BucketConfiguration configuration = daily(1_000, 400, MIDNIGHT);
        Bucket ours = aligned(configuration);
        Bucket theirs = bucket4j(configuration);
        Random random = new Random(20261122);
        List<String> steps = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            long amount = 1 + random.nextInt(random.nextBoolean() ? 5 : 600);
            int operation = random.nextInt(9);
            steps.add(operation + ":" + amount);
            Object expected;
            Object actual;
            switch (operation) {
                case 0, 1, 2 -> {
                    expected = theirs.tryConsume(amount);
                    actual = ours.tryConsume(amount);
                }
                case 3 -> {
                    expected = theirs.tryConsumeAsMuchAsPossible(amount);
                    actual = ours.tryConsumeAsMuchAsPossible(amount);
                }
                case 4 -> {
                    theirs.addTokens(amount);
                    ours.addTokens(amount);
                    expected = theirs.getAvailableTokens();
                    actual = ours.getAvailableTokens();
                }
                case 5 -> {
                    expected = theirs.tryConsumeAndReturnRemaining(amount).getRemainingTokens();
                    actual = ours.tryConsumeAndReturnRemaining(amount).getRemainingTokens();
                }
                case 6 -> {
                    clock.advance(Duration.ofMinutes(amount * 3));
                    expected = theirs.getAvailableTokens();
                    actual = ours.getAvailableTokens();
                }
                case 7 -> {
                    expected = theirs.consumeIgnoringRateLimits(amount) == 0;
                    actual = ours.consumeIgnoringRateLimits(amount) == 0;
                    assertThat(ours.getAvailableTokens()).isEqualTo(theirs.getAvailableTokens());
                }
                default -> {
                    expected = theirs.estimateAbilityToConsume(amount).canBeConsumed();
                    actual = ours.estimateAbilityToConsume(amount).canBeConsumed();
                }
            }
            assertThat(actual).as("step %d at %s after %s", step, clock.instant(),
                    steps.subList(Math.max(0, steps.size() - 5), steps.size())).isEqualTo(expected);
        }
    }
}
