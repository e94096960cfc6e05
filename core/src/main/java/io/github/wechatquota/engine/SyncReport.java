package io.github.wechatquota.engine;

import java.util.List;

/**
 * The outcome of one sync round.
 *
 * @param synced quotas WeChat answered for
 * @param failed quotas whose sync failed; their last known state stands
 * @param skipped quotas getApiQuota cannot answer for
 * @param failures one line per failure, naming the quota and the reason
 */
public record SyncReport(int synced, int failed, int skipped, List<String> failures) {

    public SyncReport {
        failures = List.copyOf(failures);
    }
}
