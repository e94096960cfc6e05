package io.github.wechatquota.engine;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.catalog.QuotaCatalog;
import io.github.wechatquota.store.LocalQuotaStore;
import io.github.wechatquota.store.QuotaStore;
import io.github.wechatquota.wechat.ApiQuota;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One quota's {@link KeyState} built directly, on a local store and the test's clock, without a guard around it: for
 * tests that interleave its steps (a sync sampled, calls made, the answer applied) in an order of their choosing.
 */
final class KeyStateFixture {

    static final String APP_ID = EngineTestSupport.APP_ID;

    final KeyState state;

    KeyStateFixture(Clock clock, ZoneId zone, String cgiPath) {
        this(clock, zone, cgiPath, LocalQuotaStore.create(clock, 100));
    }

    /** One instance's view of the quota on {@code store}: several fixtures on a shared store are several instances. */
    KeyStateFixture(Clock clock, ZoneId zone, String cgiPath, QuotaStore store) {
        this(clock, zone, cgiPath, store, Leasing.off(), 2);
    }

    /** One instance on {@code store} that leases blocks as {@code leasing} says, of {@code instances} expected. */
    KeyStateFixture(Clock clock, ZoneId zone, String cgiPath, QuotaStore store, Leasing leasing, int instances) {
        AppDirectory apps = new AppDirectory(Map.of(APP_ID, AppSettings.of(APP_ID, AccountType.OFFICIAL_ACCOUNT)),
                APP_ID);
        LimitResolver resolver = new LimitResolver(QuotaCatalog.builtIn(), apps, List.of(), 0, QuotaPolicy.REJECT);
        state = new KeyState(new QuotaKey(APP_ID, cgiPath), "wxq:" + APP_ID + ":" + cgiPath, new QuotaDays(clock, zone),
                resolver, new StoreCircuit(store, StoreFailureMode.LOCAL_FALLBACK, instances, clock, leasing));
    }

    /** A guarded method declares the API, as registration does. */
    KeyStateFixture declare(ApiDefinition definition) {
        state.declare(definition, QuotaPolicy.REJECT);
        return this;
    }

    /** Makes {@code times} calls that WeChat answered; returns how many were let through. */
    int call(int times) {
        int through = 0;
        for (int i = 0; i < times; i++) {
            if (state.counts().tryAcquire(1)) {
                state.counts().callDone();
                through++;
            }
        }
        return through;
    }

    /** A sync's sample, taken before WeChat is asked. */
    SyncSample sample() {
        return SyncApplication.sample(state);
    }

    /** WeChat's answer to the sync that took {@code sample}, applied. */
    void apply(ApiQuota quota, SyncSample sample) {
        SyncApplication.apply(state, quota, sample);
    }

    long remaining() {
        return state.snapshot().remaining().orElse(-1);
    }

    static ApiQuota weChatSays(long dailyLimit, long used) {
        return new ApiQuota(dailyLimit, used, dailyLimit - used, Optional.empty(), Optional.empty());
    }
}
