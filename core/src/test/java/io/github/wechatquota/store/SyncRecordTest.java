package io.github.wechatquota.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.internal.StoredSyncRecords;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncRecordTest {

    private static final Instant AT = Instant.parse("2026-11-22T02:00:00Z");

    @Test
    void rateLimit_unset_readsAsEmpty() {
        SyncRecord record = SyncRecord.builder(AT).dailyLimit(1000).used(10).remain(990).build();

        assertThat(record.perMinuteLimit()).isEmpty();
        assertThat(record.refreshSeconds()).isEmpty();
        assertThat(record).hasToString("SyncRecord[at=2026-11-22T02:00:00Z, dailyLimit=1000, used=10, remain=990]");
    }

    @Test
    void build_withoutRemain_namesWhatIsMissing() {
        assertThatThrownBy(() -> SyncRecord.builder(AT).dailyLimit(1000).used(10).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A SyncRecord needs dailyLimit, used and remain (WeChat's answer has all three); set remain");
    }

    @Test
    void perMinuteLimit_zero_isRejectedNamingTheFix() {
        assertThatThrownBy(() -> SyncRecord.builder(AT).perMinuteLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SyncRecord perMinuteLimit must be positive, was 0: leave it unset when WeChat reported no"
                        + " rate_limit");
    }

    @Test
    void storedNumbers_readBackTheSameRecord() {
        SyncRecord record = SyncRecord.builder(AT).dailyLimit(1000).used(10).remain(990).perMinuteLimit(60)
                .refreshSeconds(60).build();

        assertThat(StoredSyncRecords.read(AT, 1000, 10, 990, StoredSyncRecords.stored(record.perMinuteLimit()),
                StoredSyncRecords.stored(record.refreshSeconds()))).isEqualTo(record);
        assertThat(StoredSyncRecords.read(AT, 1000, 10, 990, -1, -1))
                .isEqualTo(SyncRecord.builder(AT).dailyLimit(1000).used(10).remain(990).build());
    }
}
