package io.github.wechatquota.engine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.wechatquota.store.SyncRecord;
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

    /** What the bucket needs from the quota it counts. */
    interface Shape {

        /** A configuration of this quota's bucket with the given capacity, holding {@code initialTokens}. */
        BucketConfiguration configuration(long capacity, long initialTokens);

        /** The capacity of the bucket: the usable part of the limit. */
        long usable();

        /** The tokens a bucket created now starts with: today's known remainder, or a full day. */
        long initialTokens();

        /** What is known to remain today (from WeChat or the store), or -1. */
        long knownRemaining();
    }

    /** The daily count's bucket: capacity the usable limit, refilled at midnight. */
    static final class Daily implements Shape {

        private final KeyState state;

        Daily(KeyState state) {
            this.state = state;
        }

        @Override
        public BucketConfiguration configuration(long capacity, long initialTokens) {
            return BucketShapes.daily(capacity, initialTokens, state.days().nextMidnight());
        }

        @Override
        public long usable() {
            return state.currentLimits().usable();
        }

        /** What remains of today by the last sync, or a whole day, less what the margin holds until WeChat is asked. */
        @Override
        public long initialTokens() {
            long usable = state.currentLimits().usable();
            SyncRecord sync = state.history().last();
            return state.release(sync != null && state.days().isToday(sync.at()) ? Math.max(0, usable - sync.used())
                    : usable, state.currentLimits());
        }

        @Override
        public long knownRemaining() {
            SyncRecord sync = state.history().last();
            long fromSync = sync != null && state.days().isToday(sync.at())
                    ? Math.max(0, state.currentLimits().usable() - sync.used()) : -1;
            StoredBucket daily = state.counts().daily();
            long seen = daily == null ? -1 : daily.lastSeen();
            if (fromSync < 0) {
                return seen;
            }
            return seen < 0 ? fromSync : Math.min(fromSync, seen);
        }
    }

    /** The per-minute count's bucket: refilled at each window. */
    static final class Minute implements Shape {

        private final KeyState state;

        Minute(KeyState state) {
            this.state = state;
        }

        @Override
        public BucketConfiguration configuration(long capacity, long initialTokens) {
            Limits limits = state.currentLimits();
            return BucketShapes.minute(limits.perMinuteLimit(), limits.refreshSeconds(), state.days().clock().millis());
        }

        @Override
        public long usable() {
            return state.currentLimits().perMinuteLimit();
        }

        @Override
        public long initialTokens() {
            return state.currentLimits().perMinuteLimit();
        }

        @Override
        public long knownRemaining() {
            return -1;
        }
    }
}
