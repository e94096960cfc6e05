package io.github.wechatquota.engine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The Bucket4j configurations of a quota's buckets. */
final class BucketShapes {

    private BucketShapes() {
    }

    /** A day's bucket: {@code usable} tokens refilled at each midnight, starting from {@code initialTokens}. */
    static BucketConfiguration daily(long usable, long initialTokens, Instant nextMidnight) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(usable)
                        .refillIntervallyAligned(usable, Duration.ofDays(1), nextMidnight)
                        .initialTokens(Math.min(usable, initialTokens))
                        .id("daily")
                        .build())
                .build();
    }

    /** A minute limit's bucket: full, refilled at the start of each window of {@code refreshSeconds}. */
    static BucketConfiguration minute(long perMinute, long refreshSeconds, long nowMillis) {
        long window = TimeUnit.SECONDS.toMillis(refreshSeconds);
        Instant nextWindow = Instant.ofEpochMilli((nowMillis / window + 1) * window);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillIntervallyAligned(perMinute, Duration.ofSeconds(refreshSeconds), nextWindow)
                        .id("minute")
                        .build())
                .build();
    }
}
