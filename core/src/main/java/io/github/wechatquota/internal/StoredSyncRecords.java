package io.github.wechatquota.internal;

import io.github.wechatquota.store.SyncRecord;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * How wechat-quota's own stores keep a {@link SyncRecord} in six numbers: -1 stands for a rate limit WeChat did not
 * report. Internal: the storage format of the built-in stores, not an API.
 */
public final class StoredSyncRecords {

    private static final long NOT_REPORTED = -1;

    private StoredSyncRecords() {
    }

    /** The stored number of an optional value: the value, or -1. */
    public static long stored(OptionalLong value) {
        return value.orElse(NOT_REPORTED);
    }

    /** The record read back from its stored numbers; a rate limit stored as -1 (or 0) was not reported. */
    public static SyncRecord read(Instant at, long dailyLimit, long used, long remain, long perMinuteLimit,
            long refreshSeconds) {
        SyncRecord.Builder record = SyncRecord.builder(at).dailyLimit(dailyLimit).used(used).remain(remain);
        if (perMinuteLimit > 0) {
            record.perMinuteLimit(perMinuteLimit);
        }
        if (refreshSeconds > 0) {
            record.refreshSeconds(refreshSeconds);
        }
        return record.build();
    }
}
