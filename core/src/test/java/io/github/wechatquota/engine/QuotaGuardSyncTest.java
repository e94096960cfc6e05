package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.simulator.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaGuardSyncTest extends EngineTestSupport {

    @Test
    void sync_takesWeChatsDailyLimitAsTheTruth() {
        startGuard(guardBuilder());
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 4000);
        touch(guard.register(ApiDefinition.of(MENU_CREATE)));

        SyncReport report = guard.syncNow().join();

        QuotaSnapshot snapshot = guard.snapshot(APP_ID, MENU_CREATE).orElseThrow();
        assertThat(report.synced()).isEqualTo(1);
        assertThat(snapshot.dailyLimit()).hasValue(4000);
        assertThat(snapshot.source()).isEqualTo(LimitSource.SYNCED);
        assertThat(snapshot.remaining()).hasValue(4000);
        assertThat(snapshot.lastSyncedAt()).contains(clock.instant());
    }

    @Test
    void sync_picksUpCallsMadeAroundTheLibrary() throws Exception {
        startGuard(guardBuilder());
        GuardedApi api = guard.register(ApiDefinition.of(MENU_CREATE));
        guard.execute(api, null, () -> callWeChat(MENU_CREATE));
        weChat.setUsed(APP_ID, MENU_CREATE, 400);

        guard.syncNow().join();

        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(1000 - 400);
    }

    @Test
    void sync_keepsCallsMadeWhileTheAnswerTravels() {
        KeyStateFixture quota = new KeyStateFixture(clock, CHINA, MENU_CREATE).declare(ApiDefinition.of(MENU_CREATE));
        quota.call(1);
        SyncSample sample = quota.sample();
        quota.call(1); // during the sync: WeChat's answer does not count it

        quota.apply(KeyStateFixture.weChatSays(1000, 1), sample);

        assertThat(quota.remaining()).isEqualTo(998);
    }

    @Test
    void sync_lowerAnnotatedLimit_isASelfImposedCap() {
        startGuard(guardBuilder());
        GuardedApi api = guard.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(50).policy(QuotaPolicy.REJECT)
                .build());
        touch(api);
        weChat.setUsed(APP_ID, MENU_CREATE, 10);

        guard.syncNow().join();

        QuotaSnapshot snapshot = guard.snapshot(APP_ID, MENU_CREATE).orElseThrow();
        assertThat(snapshot.dailyLimit()).hasValue(50);
        assertThat(snapshot.source()).isEqualTo(LimitSource.ANNOTATION);
        assertThat(snapshot.remaining()).hasValue(40);
    }

    @Test
    void sync_higherAnnotatedLimit_yieldsToWeChat() {
        startGuard(guardBuilder());
        touch(guard.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(5000).policy(QuotaPolicy.REJECT).build()));

        guard.syncNow().join();

        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().dailyLimit()).hasValue(1000);
    }

    @Test
    void sync_readsTheMinuteLimitFromRateLimit() {
        startGuard(guardBuilder());
        weChat.setPerMinuteLimit(APP_ID, CUSTOM_SEND, 30);
        touch(guard.register(ApiDefinition.of(CUSTOM_SEND)));

        guard.syncNow().join();

        assertThat(guard.snapshot(APP_ID, CUSTOM_SEND).orElseThrow().perMinuteLimit()).hasValue(30);
    }

    @Test
    void sync_ofSnsPath_isSkippedAndKeepsTheConfiguredLimit() {
        startGuard(guardBuilder());
        touch(guard.register(ApiDefinition.builder("/sns/userinfo").dailyLimit(100).policy(QuotaPolicy.REJECT)
                .build()));

        SyncReport report = guard.syncNow().join();

        assertThat(report.skipped()).isEqualTo(1);
        assertThat(guard.snapshot(APP_ID, "/sns/userinfo").orElseThrow().queryable()).isFalse();
        assertThat(reachedWeChat("/cgi-bin/openapi/quota/get")).isZero();
    }

    @Test
    void sync_answered76021_countsThePathNotQueryable_notFailed() {
        startGuard(guardBuilder());
        touch(guard.register(ApiDefinition.builder("/cgi-bin/not/in/wechat").dailyLimit(10).policy(QuotaPolicy.REJECT)
                .build()));
        touch(guard.register(ApiDefinition.of(MENU_CREATE)));

        SyncReport report = guard.syncNow().join();
        SyncReport again = guard.syncNow().join();

        assertThat(report.synced()).isEqualTo(1);
        assertThat(report.skipped()).as("76021 found now counts as not queryable, not failed").isEqualTo(1);
        assertThat(report.failed()).isZero();
        assertThat(again.skipped()).isEqualTo(1);
        assertThat(guard.snapshot(APP_ID, "/cgi-bin/not/in/wechat").orElseThrow().lastSyncError().orElseThrow())
                .contains("76021");
        assertThat(guard.snapshot(APP_ID, "/cgi-bin/not/in/wechat").orElseThrow().dailyLimit()).hasValue(10);
    }

    @Test
    void sync_withMalformedReply_keepsTheLastStateAndSaysWhy() {
        startGuard(guardBuilder());
        GuardedApi api = guard.register(ApiDefinition.of(MENU_CREATE));
        touch(api);
        guard.syncNow().join();
        weChat.faults().rate(Fault.MALFORMED_JSON, 1.0);

        SyncReport report = guard.syncNow().join();

        QuotaSnapshot snapshot = guard.snapshot(APP_ID, MENU_CREATE).orElseThrow();
        assertThat(report.failures()).anySatisfy(line -> assertThat(line).contains(MENU_CREATE).contains("malformed"));
        assertThat(snapshot.lastSyncError().orElseThrow()).contains("getApiQuota").contains(MENU_CREATE);
        assertThat(snapshot.source()).isEqualTo(LimitSource.SYNCED);
        assertThat(snapshot.remaining()).hasValue(1000);
    }

    @Test
    void sync_thatTimesOut_keepsTheLastStateAndNamesTheKey() {
        weChat.faults().hangTime(Duration.ofSeconds(5)).next("/cgi-bin/openapi/quota/get", Fault.HANG, 1);
        startGuard(guardBuilder().adminClient(io.github.wechatquota.wechat.WeChatAdminClient.builder()
                .baseUrl(weChat.baseUri()).readTimeout(Duration.ofMillis(300)).build()));
        touch(guard.register(ApiDefinition.of(MENU_CREATE)));

        SyncReport report = guard.syncNow().join();

        assertThat(report.failures()).singleElement().asString().contains(MENU_CREATE).contains("timed out");
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().source()).isEqualTo(LimitSource.CATALOG);
    }

    @Test
    void firstUse_syncsTheNewQuotaInTheBackground() {
        weChat.setUsed(APP_ID, MENU_CREATE, 100);
        startGuard(guardBuilder().syncOnFirstUse(true));

        touch(guard.register(ApiDefinition.of(MENU_CREATE)));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().source()).isEqualTo(LimitSource.SYNCED));
        // The sync may sample the bucket before or after the first call takes its token.
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().orElseThrow())
                .isBetween(1000L - 100 - 1, 1000L - 100);
    }

    private void touch(GuardedApi api) {
        try {
            guard.execute(api, null, () -> "touch");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
