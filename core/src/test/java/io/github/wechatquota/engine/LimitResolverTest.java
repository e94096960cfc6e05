package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.catalog.QuotaCatalog;
import io.github.wechatquota.store.SyncRecord;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitResolverTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String OTHER_APP = "wxfedcba9876543210";
    private static final String MENU_CREATE = "/cgi-bin/menu/create";
    private static final String CUSTOM_SEND = "/cgi-bin/message/custom/send";
    private static final String SEC_CHECK = "/wxa/msg_sec_check";
    private static final String UNKNOWN = "/cgi-bin/not/catalogued";
    private static final QuotaKey MENU = new QuotaKey(APP_ID, MENU_CREATE);
    private static final QuotaKey SEND = new QuotaKey(APP_ID, CUSTOM_SEND);

    private static final QuotaCatalog CATALOG = catalog("""
            official-account,/cgi-bin/menu/create,1000,,create custom menu
            official-account,/cgi-bin/message/custom/send,500000,,send customer service message
            official-account,/wxa/msg_sec_check,,4000,text content security check
            """);

    private final Map<String, ApiSettings> apis = new java.util.HashMap<>();
    private final List<QuotaRule> rules = new ArrayList<>();
    private double safetyMargin = 0;
    private QuotaPolicy defaultPolicy = QuotaPolicy.REJECT;

    private LimitResolver resolver() {
        AppSettings.Builder app = AppSettings.builder(APP_ID, AccountType.OFFICIAL_ACCOUNT);
        apis.forEach(app::api);
        return new LimitResolver(CATALOG, new AppDirectory(Map.of(APP_ID, app.build()), APP_ID), rules, safetyMargin,
                defaultPolicy);
    }

    private static QuotaCatalog catalog(String csv) {
        try {
            return QuotaCatalog.parse(new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SyncRecord synced(long dailyLimit, long used) {
        return SyncRecord.builder(Instant.parse("2026-11-22T02:00:00Z")).dailyLimit(dailyLimit).used(used)
                .remain(dailyLimit - used).build();
    }

    private static SyncRecord syncedRate(long callCount, long refreshSeconds) {
        return SyncRecord.builder(Instant.parse("2026-11-22T02:00:00Z")).dailyLimit(1000).used(0).remain(1000)
                .perMinuteLimit(callCount).refreshSeconds(refreshSeconds).build();
    }

    private static ApiSettings dailyLimit(long limit) {
        return ApiSettings.builder().dailyLimit(limit).build();
    }

    // ---- daily limit: with a sync -----------------------------------------------------------------------------

    @Test
    void resolve_synced_isTheTruth() {
        Limits limits = resolver().resolve(MENU, -1, -1, synced(4000, 10), false);

        assertThat(limits.dailyLimit()).isEqualTo(4000);
        assertThat(limits.source()).isEqualTo(LimitSource.SYNCED);
    }

    @Test
    void resolve_configAboveSynced_yieldsToWeChat() {
        apis.put(MENU_CREATE, dailyLimit(5000));

        Limits limits = resolver().resolve(MENU, 6000, -1, synced(4000, 0), false);

        assertThat(limits.dailyLimit()).isEqualTo(4000);
        assertThat(limits.source()).isEqualTo(LimitSource.SYNCED);
    }

    @Test
    void resolve_configBelowSynced_isASelfImposedCap() {
        apis.put(MENU_CREATE, dailyLimit(800));

        Limits limits = resolver().resolve(MENU, -1, -1, synced(1000, 0), false);

        assertThat(limits.dailyLimit()).isEqualTo(800);
        assertThat(limits.source()).isEqualTo(LimitSource.CONFIG);
    }

    @Test
    void resolve_configCapBelowSynced_winsOverALowerAnnotationCap() {
        apis.put(MENU_CREATE, dailyLimit(800));

        Limits limits = resolver().resolve(MENU, 500, -1, synced(1000, 0), false);

        assertThat(limits.dailyLimit()).isEqualTo(800);
        assertThat(limits.source()).isEqualTo(LimitSource.CONFIG);
    }

    @Test
    void resolve_annotationBelowSynced_isASelfImposedCap() {
        Limits limits = resolver().resolve(MENU, 500, -1, synced(1000, 0), false);

        assertThat(limits.dailyLimit()).isEqualTo(500);
        assertThat(limits.source()).isEqualTo(LimitSource.ANNOTATION);
    }

    @Test
    void resolve_annotationCapBelowSynced_winsWhenConfigIsAboveSynced() {
        apis.put(MENU_CREATE, dailyLimit(1200));

        Limits limits = resolver().resolve(MENU, 500, -1, synced(1000, 0), false);

        assertThat(limits.dailyLimit()).isEqualTo(500);
        assertThat(limits.source()).isEqualTo(LimitSource.ANNOTATION);
    }

    @Test
    void resolve_syncWithoutDailyLimit_fallsBackToCatalog() {
        Limits limits = resolver().resolve(MENU, -1, -1, synced(0, 0), false);

        assertThat(limits.dailyLimit()).isEqualTo(1000);
        assertThat(limits.source()).isEqualTo(LimitSource.CATALOG);
    }

    // ---- daily limit: without a sync --------------------------------------------------------------------------

    @Test
    void resolve_withoutSync_configBeatsAnnotation() {
        apis.put(MENU_CREATE, dailyLimit(300));

        Limits limits = resolver().resolve(MENU, 200, -1, null, false);

        assertThat(limits.dailyLimit()).isEqualTo(300);
        assertThat(limits.source()).isEqualTo(LimitSource.CONFIG);
    }

    @Test
    void resolve_withoutSync_annotationBeatsCatalog() {
        Limits limits = resolver().resolve(MENU, 2000, -1, null, false);

        assertThat(limits.dailyLimit()).isEqualTo(2000);
        assertThat(limits.source()).isEqualTo(LimitSource.ANNOTATION);
    }

    @Test
    void resolve_withoutSync_catalogStandsIn() {
        Limits limits = resolver().resolve(MENU, -1, -1, null, false);

        assertThat(limits.dailyLimit()).isEqualTo(1000);
        assertThat(limits.source()).isEqualTo(LimitSource.CATALOG);
    }

    @Test
    void resolve_ruleDailyLimit_countsAsConfiguration() {
        rules.add(QuotaRule.forPattern("/cgi-bin/menu/**").dailyLimit(700).build());

        Limits limits = resolver().resolve(MENU, 200, -1, null, false);

        assertThat(limits.dailyLimit()).isEqualTo(700);
        assertThat(limits.source()).isEqualTo(LimitSource.CONFIG);
    }

    @Test
    void resolve_perApiConfig_beatsARule() {
        apis.put(MENU_CREATE, dailyLimit(300));
        rules.add(QuotaRule.forPattern("/cgi-bin/menu/**").dailyLimit(700).build());

        assertThat(resolver().resolve(MENU, -1, -1, null, false).dailyLimit()).isEqualTo(300);
    }

    @Test
    void resolve_firstRuleThatSetsTheLimit_wins() {
        rules.add(QuotaRule.policy("/cgi-bin/**", QuotaPolicy.WAIT));
        rules.add(QuotaRule.forPattern("/cgi-bin/menu/**").dailyLimit(700).build());
        rules.add(QuotaRule.forPattern("/**").dailyLimit(50).build());

        assertThat(resolver().resolve(MENU, -1, -1, null, false).dailyLimit()).isEqualTo(700);
    }

    @Test
    void resolve_nothingKnown_isNone() {
        Limits limits = resolver().resolve(new QuotaKey(APP_ID, UNKNOWN), -1, -1, null, false);

        assertThat(limits.dailyLimit()).isEqualTo(-1);
        assertThat(limits.source()).isEqualTo(LimitSource.NONE);
        assertThat(limits.heldBack()).isZero();
        assertThat(limits.usable()).isEqualTo(-1);
        assertThat(limits.hasDailyLimit()).isFalse();
        assertThat(limits.hasMinuteLimit()).isFalse();
    }

    // ---- held back --------------------------------------------------------------------------------------------

    @Test
    void resolve_safetyMargin_isHeldBack() {
        safetyMargin = 0.01;

        Limits limits = resolver().resolve(MENU, -1, -1, null, false);

        assertThat(limits.heldBack()).isEqualTo(10);
        assertThat(limits.usable()).isEqualTo(990);
    }

    @Test
    void resolve_reserve_addsToTheMarginInHeldBack() {
        safetyMargin = 0.01;
        rules.add(QuotaRule.forPattern("/cgi-bin/menu/**").reserve(0.05).build());

        Limits limits = resolver().resolve(MENU, -1, -1, null, false);

        assertThat(limits.heldBack()).isEqualTo(60);
        assertThat(limits.usable()).isEqualTo(940);
    }

    @Test
    void resolve_perApiReserve_beatsTheRulesReserve() {
        apis.put(MENU_CREATE, ApiSettings.builder().reserve(0.2).build());
        rules.add(QuotaRule.forPattern("/cgi-bin/menu/**").reserve(0.05).build());

        assertThat(resolver().resolve(MENU, -1, -1, null, false).heldBack()).isEqualTo(200);
    }

    @Test
    void resolve_heldBack_roundsDown() {
        safetyMargin = 0.01;

        assertThat(resolver().resolve(MENU, 99, -1, null, false).heldBack()).isZero();
        assertThat(resolver().resolve(MENU, 150, -1, null, false).heldBack()).isEqualTo(1);
    }

    // ---- per-minute limit -------------------------------------------------------------------------------------

    @Test
    void resolve_perMinute_fromTheCatalog() {
        Limits limits = resolver().resolve(new QuotaKey(APP_ID, SEC_CHECK), -1, -1, null, false);

        assertThat(limits.perMinuteLimit()).isEqualTo(4000);
        assertThat(limits.refreshSeconds()).isEqualTo(60);
    }

    @Test
    void resolve_perMinute_fromTheAnnotationBeatsTheCatalog() {
        assertThat(resolver().resolve(new QuotaKey(APP_ID, SEC_CHECK), -1, 6000, null, false).perMinuteLimit())
                .isEqualTo(6000);
    }

    @Test
    void resolve_perMinute_lowestOfConfigAndAnnotation() {
        apis.put(CUSTOM_SEND, ApiSettings.builder().perMinuteLimit(30).build());

        assertThat(resolver().resolve(SEND, -1, 20, null, false).perMinuteLimit()).isEqualTo(20);
        assertThat(resolver().resolve(SEND, -1, 50, null, false).perMinuteLimit()).isEqualTo(30);
    }

    @Test
    void resolve_perMinute_fromTheSyncWithItsWindow() {
        Limits limits = resolver().resolve(SEND, -1, -1, syncedRate(30, 120), false);

        assertThat(limits.perMinuteLimit()).isEqualTo(30);
        assertThat(limits.refreshSeconds()).isEqualTo(120);
    }

    @Test
    void resolve_perMinute_lowerAnnotationStaysBelowTheSync() {
        assertThat(resolver().resolve(SEND, -1, 10, syncedRate(30, 60), false).perMinuteLimit()).isEqualTo(10);
    }

    @Test
    void resolve_perMinute_noneWhenNothingSetsOne() {
        assertThat(resolver().resolve(MENU, -1, -1, null, false).perMinuteLimit()).isEqualTo(-1);
    }

    // ---- policy -----------------------------------------------------------------------------------------------

    @Test
    void policy_perApiConfig_beatsAnnotation() {
        apis.put(MENU_CREATE, ApiSettings.builder().policy(QuotaPolicy.WAIT).build());
        rules.add(QuotaRule.policy("/**", QuotaPolicy.CLEAR_AND_RETRY));

        assertThat(resolver().policy(MENU, Optional.of(QuotaPolicy.REJECT))).isEqualTo(QuotaPolicy.WAIT);
    }

    @Test
    void policy_annotation_beatsRule() {
        rules.add(QuotaRule.policy("/**", QuotaPolicy.CLEAR_AND_RETRY));

        assertThat(resolver().policy(MENU, Optional.of(QuotaPolicy.WAIT))).isEqualTo(QuotaPolicy.WAIT);
    }

    @Test
    void policy_firstRuleThatSetsAPolicy_beatsDefault() {
        rules.add(QuotaRule.forPattern("/cgi-bin/**").reserve(0.1).build());
        rules.add(QuotaRule.policy("/cgi-bin/menu/*", QuotaPolicy.CLEAR_AND_RETRY));
        rules.add(QuotaRule.policy("/**", QuotaPolicy.WAIT));

        assertThat(resolver().policy(MENU, Optional.empty())).isEqualTo(QuotaPolicy.CLEAR_AND_RETRY);
    }

    @Test
    void policy_nothingSet_isTheDefault() {
        defaultPolicy = QuotaPolicy.WAIT;

        assertThat(resolver().policy(MENU, Optional.empty())).isEqualTo(QuotaPolicy.WAIT);
    }

    @Test
    void policy_ruleForOneAppId_appliesToThatAccountOnly() {
        rules.add(QuotaRule.forPattern("/cgi-bin/**").appId(OTHER_APP).policy(QuotaPolicy.CLEAR_AND_RETRY).build());

        assertThat(resolver().policy(MENU, Optional.empty())).isEqualTo(QuotaPolicy.REJECT);
        assertThat(resolver().policy(new QuotaKey(OTHER_APP, MENU_CREATE), Optional.empty()))
                .isEqualTo(QuotaPolicy.CLEAR_AND_RETRY);
    }

    @Test
    void resolve_ruleForOneAppId_setsTheLimitOfThatAccountOnly() {
        rules.add(QuotaRule.forPattern("/cgi-bin/menu/**").appId(OTHER_APP).dailyLimit(50).build());

        assertThat(resolver().resolve(MENU, -1, -1, null, false).dailyLimit()).isEqualTo(1000);
        assertThat(resolver().resolve(new QuotaKey(OTHER_APP, MENU_CREATE), -1, -1, null, false).dailyLimit()).isEqualTo(50);
    }
}
