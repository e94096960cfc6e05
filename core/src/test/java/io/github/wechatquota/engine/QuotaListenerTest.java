package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaListenerTest extends EngineTestSupport {

    private static final QuotaKey MENU = new QuotaKey(APP_ID, MENU_CREATE);
    private static final QuotaKey SEND = new QuotaKey(APP_ID, CUSTOM_SEND);

    /** Writes each event as one line. */
    static final class RecordingListener implements QuotaListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onPermitted(QuotaKey key) {
            events.add("permitted " + key);
        }

        @Override
        public void onRejected(QuotaKey key, QuotaPolicy policy) {
            events.add("rejected " + key + " " + policy);
        }

        @Override
        public void onFallback(QuotaKey key) {
            events.add("fallback " + key);
        }

        @Override
        public void onWaited(QuotaKey key, long waitedMillis) {
            events.add("waited " + key + " " + waitedMillis + "ms");
        }

        @Override
        public void onLimitedByWeChat(QuotaKey key, int errcode) {
            events.add("limited " + key + " " + errcode);
        }

        @Override
        public void onClear(String appId, ClearResult result) {
            events.add("clear " + appId + " " + result);
        }

        @Override
        public void onSynced(QuotaKey key, String error) {
            events.add("synced " + key + " " + error);
        }
    }

    /** Throws from every event. */
    static final class ThrowingListener implements QuotaListener {
        @Override
        public void onPermitted(QuotaKey key) {
            throw new IllegalStateException("listener broke on permitted");
        }

        @Override
        public void onRejected(QuotaKey key, QuotaPolicy policy) {
            throw new IllegalStateException("listener broke on rejected");
        }

        @Override
        public void onFallback(QuotaKey key) {
            throw new IllegalStateException("listener broke on fallback");
        }

        @Override
        public void onLimitedByWeChat(QuotaKey key, int errcode) {
            throw new IllegalStateException("listener broke on limited");
        }

        @Override
        public void onSynced(QuotaKey key, String error) {
            throw new IllegalStateException("listener broke on synced");
        }
    }

    private final RecordingListener recording = new RecordingListener();

    private GuardedApi api(String cgiPath, long dailyLimit, QuotaPolicy policy) {
        return guard.register(ApiDefinition.builder(cgiPath).dailyLimit(dailyLimit).policy(policy)
                .fallback(policy == QuotaPolicy.FALLBACK).build());
    }

    @Test
    void onPermitted_isHeardForACallLetThrough() throws Exception {
        startGuard(guardBuilder().listener(recording));

        guard.execute(api(MENU_CREATE, 10, QuotaPolicy.REJECT), null, () -> "ok");

        assertThat(recording.events).containsExactly("permitted " + MENU);
    }

    @Test
    void onRejected_isHeardWithThePolicy() throws Exception {
        startGuard(guardBuilder().listener(recording));
        GuardedApi api = api(MENU_CREATE, 1, QuotaPolicy.REJECT);
        guard.execute(api, null, () -> "ok");

        assertThatThrownBy(() -> guard.execute(api, null, () -> "again")).isInstanceOf(QuotaExhaustedException.class);

        assertThat(recording.events).containsExactly("permitted " + MENU, "rejected " + MENU + " REJECT");
    }

    @Test
    void onFallback_isHeardInsteadOfARejection() throws Throwable {
        startGuard(guardBuilder().listener(recording));
        GuardedApi api = api(MENU_CREATE, 1, QuotaPolicy.FALLBACK);
        GuardedCall<String> call = new GuardedCall<>() {
            @Override
            public Object proceed(String context) {
                return "called";
            }

            @Override
            public Object fallback(String context, QuotaExhaustedException cause) {
                return "fell back";
            }
        };
        guard.call(api, null, "first", call);

        assertThat(guard.call(api, null, "second", call)).isEqualTo("fell back");
        assertThat(recording.events).containsExactly("permitted " + MENU, "fallback " + MENU);
    }

    @Test
    void onWaited_isHeardWithTheTimeWaited() throws Exception {
        startGuard(guardBuilder().listener(recording).maxWait(Duration.ofSeconds(90)));
        GuardedApi api = guard.register(ApiDefinition.builder(CUSTOM_SEND).perMinuteLimit(1).policy(QuotaPolicy.WAIT)
                .build());
        guard.execute(api, null, () -> "first");

        guard.execute(api, null, () -> "second");

        assertThat(recording.events).containsExactly("permitted " + SEND, "waited " + SEND + " 60000ms");
    }

    @Test
    void onLimitedByWeChat_isHeardWith45009() throws Exception {
        startGuard(guardBuilder().listener(recording));
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 1);
        GuardedApi api = api(MENU_CREATE, 100, QuotaPolicy.REJECT);
        guard.execute(api, null, () -> callWeChat(MENU_CREATE));

        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                .isInstanceOf(QuotaExhaustedException.class);

        assertThat(recording.events).containsExactly("permitted " + MENU, "permitted " + MENU,
                "limited " + MENU + " 45009", "rejected " + MENU + " REJECT");
    }

    @Test
    void onClear_isHeardWithTheResult() {
        startGuard(guardBuilder().listener(recording).clears(true, 3));

        guard.clearNow(APP_ID);

        assertThat(recording.events).contains("clear " + APP_ID + " CLEARED");
    }

    @Test
    void onSynced_isHeardWithoutErrorAfterASuccessfulSync() throws Exception {
        startGuard(guardBuilder().listener(recording));
        guard.execute(guard.register(ApiDefinition.of(MENU_CREATE)), null, () -> "ok");

        guard.syncNow().join();

        assertThat(recording.events).contains("synced " + MENU + " null");
    }

    @Test
    void onSynced_isHeardWithTheErrorOfAFailedSync() throws Exception {
        startGuard(guardBuilder().listener(recording));
        guard.execute(api("/cgi-bin/not/in/wechat", 10, QuotaPolicy.REJECT), null, () -> "ok");

        guard.syncNow().join();

        assertThat(recording.events).anySatisfy(event ->
                assertThat(event).startsWith("synced " + APP_ID + " /cgi-bin/not/in/wechat ").contains("76021"));
    }

    @Test
    void throwingListener_doesNotBreakAPermittedCall() throws Exception {
        startGuard(guardBuilder().listener(new ThrowingListener()).listener(recording));

        String reply = guard.execute(api(MENU_CREATE, 10, QuotaPolicy.REJECT), null, () -> callWeChat(MENU_CREATE));

        assertThat(reply).contains("\"errcode\":0");
        assertThat(recording.events).containsExactly("permitted " + MENU);
    }

    @Test
    void throwingListener_doesNotReplaceTheRejection() throws Exception {
        startGuard(guardBuilder().listener(new ThrowingListener()));
        GuardedApi api = api(MENU_CREATE, 1, QuotaPolicy.REJECT);
        guard.execute(api, null, () -> "ok");

        assertThatThrownBy(() -> guard.execute(api, null, () -> "again"))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining(MENU_CREATE);
    }

    @Test
    void throwingListener_doesNotBreakAFallbackOrAnErrcode() throws Throwable {
        startGuard(guardBuilder().listener(new ThrowingListener()));
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 1);
        GuardedApi api = api(MENU_CREATE, 100, QuotaPolicy.FALLBACK);
        GuardedCall<String> call = new GuardedCall<>() {
            @Override
            public Object proceed(String context) {
                return callWeChat(MENU_CREATE);
            }

            @Override
            public Object fallback(String context, QuotaExhaustedException cause) {
                return "fell back";
            }
        };
        guard.call(api, null, "first", call);

        assertThat(guard.call(api, null, "second", call)).isEqualTo("fell back");
    }

    @Test
    void throwingListener_doesNotFailASync() throws Exception {
        startGuard(guardBuilder().listener(new ThrowingListener()));
        guard.execute(guard.register(ApiDefinition.of(MENU_CREATE)), null, () -> "ok");

        SyncReport report = guard.syncNow().join();

        assertThat(report.synced()).isEqualTo(1);
        assertThat(report.failed()).isZero();
    }
}
