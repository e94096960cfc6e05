package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.simulator.Fault;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QuotaGuardPolicyTest extends EngineTestSupport {

    private GuardedApi api(String cgiPath, long dailyLimit, QuotaPolicy policy) {
        return guard.register(ApiDefinition.builder(cgiPath).dailyLimit(dailyLimit).policy(policy)
                .fallback(policy == QuotaPolicy.FALLBACK).build());
    }

    @Test
    void weChat45009_drainsTheQuotaSoLaterCallsStayLocal() throws Exception {
        startGuard(guardBuilder());
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 2);
        GuardedApi api = api(MENU_CREATE, 100, QuotaPolicy.REJECT);
        guard.execute(api, null, () -> callWeChat(MENU_CREATE));
        guard.execute(api, null, () -> callWeChat(MENU_CREATE));

        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("WeChat answered 45009");
        assertThatThrownBy(() -> guard.execute(api, null, () -> callWeChat(MENU_CREATE)))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("no quota left before the call");
        assertThat(reachedWeChat(MENU_CREATE)).isEqualTo(3);
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().orElseThrow()).isZero();
    }

    @Test
    void weChat45009InAnException_isUnderstoodToo() {
        startGuard(guardBuilder());
        GuardedApi api = api(MENU_CREATE, 100, QuotaPolicy.REJECT);

        assertThatThrownBy(() -> guard.execute(api, null, () -> {
            throw new io.github.wechatquota.WeChatApiException("menu create", 45009, "reach max api daily quota limit");
        })).isInstanceOf(QuotaExhaustedException.class);
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().orElseThrow()).isZero();
    }

    @Test
    void fallback_isCalledWithTheReason() throws Throwable {
        startGuard(guardBuilder());
        GuardedApi api = api(MENU_CREATE, 1, QuotaPolicy.FALLBACK);
        GuardedCall<String> call = new GuardedCall<>() {
            @Override
            public Object proceed(String context) {
                return "called " + context;
            }

            @Override
            public Object fallback(String context, QuotaExhaustedException cause) {
                return "fell back for " + context + " until " + cause.getResetAt();
            }
        };
        guard.call(api, null, "first", call);

        Object second = guard.call(api, null, "second", call);

        assertThat(second).isEqualTo("fell back for second until 2026-11-22T16:00:00Z");
    }

    @Test
    void wait_forAMinuteLimit_blocksUntilTheNextWindow() throws Exception {
        startGuard(guardBuilder().maxWait(Duration.ofSeconds(90)));
        GuardedApi api = guard.register(ApiDefinition.builder(CUSTOM_SEND).perMinuteLimit(2).policy(QuotaPolicy.WAIT)
                .build());
        guard.execute(api, null, () -> "1");
        guard.execute(api, null, () -> "2");

        String third = guard.execute(api, null, () -> "3");

        assertThat(third).isEqualTo("3");
        assertThat(sleeps).isNotEmpty();
        assertThat(clock.instant()).isEqualTo(ZonedDateTime.of(2026, 11, 22, 10, 1, 0, 0, CHINA).toInstant());
    }

    @Test
    void wait_longerThanMaxWait_rejects() throws Exception {
        startGuard(guardBuilder().maxWait(Duration.ofSeconds(10)));
        GuardedApi api = guard.register(ApiDefinition.builder(CUSTOM_SEND).perMinuteLimit(1).policy(QuotaPolicy.WAIT)
                .build());
        guard.execute(api, null, () -> "1");

        assertThatThrownBy(() -> guard.execute(api, null, () -> "2"))
                .isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("max-wait");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void wait_forADailyLimit_rejectsAtOnce() throws Exception {
        startGuard(guardBuilder().maxWait(Duration.ofHours(1)));
        GuardedApi api = api(MENU_CREATE, 1, QuotaPolicy.WAIT);
        guard.execute(api, null, () -> "1");

        assertThatThrownBy(() -> guard.execute(api, null, () -> "2")).isInstanceOf(QuotaExhaustedException.class);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void weChat45011_underWait_waitsForTheNextMinuteAndCallsAgain() throws Exception {
        startGuard(guardBuilder().maxWait(Duration.ofSeconds(90)));
        weChat.setPerMinuteLimit(APP_ID, CUSTOM_SEND, 1);
        GuardedApi api = guard.register(ApiDefinition.builder(CUSTOM_SEND).policy(QuotaPolicy.WAIT).build());
        guard.execute(api, null, () -> callWeChat(CUSTOM_SEND));

        String second = guard.execute(api, null, () -> callWeChat(CUSTOM_SEND));

        assertThat(second).contains("\"errcode\":0");
        assertThat(weChat.calls(CUSTOM_SEND)).extracting(c -> c.errcode()).containsExactly(0, 45011, 0);
    }

    @Test
    void clearAndRetry_clearsOnceAndMakesTheCall() throws Exception {
        startGuard(guardBuilder().clears(true, 3));
        GuardedApi api = api(MENU_CREATE, 1, QuotaPolicy.CLEAR_AND_RETRY);
        guard.execute(api, null, () -> callWeChat(MENU_CREATE));

        String second = guard.execute(api, null, () -> callWeChat(MENU_CREATE));

        assertThat(second).contains("\"errcode\":0");
        assertThat(weChat.clearsUsedThisMonth(APP_ID)).isEqualTo(1);
        assertThat(guard.clearStatus(APP_ID)).isEqualTo(new QuotaGuard.ClearStatus(1, 3, false));
    }

    @Test
    void clearAndRetry_withClearsDisabled_rejectsAndSaysHowToEnable() {
        startGuard(guardBuilder());
        GuardedApi api = api(MENU_CREATE, 1, QuotaPolicy.CLEAR_AND_RETRY);
        touch(api);

        assertThatThrownBy(() -> guard.execute(api, null, () -> "again"))
                .hasMessageContaining("wechat.quota.clear.enabled=true");
        assertThat(weChat.clearsUsedThisMonth(APP_ID)).isZero();
    }

    @Test
    void clearBudget_spent_rejectsUntilNextMonth() throws Exception {
        clock.set(ZonedDateTime.of(2026, 11, 30, 22, 0, 0, 0, CHINA).toInstant());
        startGuard(guardBuilder().clears(true, 1));
        GuardedApi api = api(MENU_CREATE, 1, QuotaPolicy.CLEAR_AND_RETRY);
        touch(api);
        touch(api); // cleared once
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> guard.execute(api, null, () -> "third"))
                .hasMessageContaining("budget exhausted");

        clock.set(ZonedDateTime.of(2026, 12, 1, 0, 30, 0, 0, CHINA).toInstant());
        touch(api); // a new day: quota refilled
        clock.advance(Duration.ofMinutes(1));
        assertThat(guard.execute(api, null, () -> "cleared again in December")).isEqualTo("cleared again in December");
        assertThat(guard.clearStatus(APP_ID).usedThisMonth()).isEqualTo(1);
    }

    @Test
    void clearRefusedByWeChat_endsThePolicyForTheMonth() throws Exception {
        startGuard(guardBuilder().clears(true, 3));
        weChat.setClearsUsedThisMonth(APP_ID, 10);
        GuardedApi api = api(MENU_CREATE, 1, QuotaPolicy.CLEAR_AND_RETRY);
        touch(api);

        assertThatThrownBy(() -> guard.execute(api, null, () -> "again")).hasMessageContaining("refused by wechat");
        assertThat(guard.clearStatus(APP_ID).refusedByWeChat()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> guard.execute(api, null, () -> "again")).hasMessageContaining("budget exhausted");
        assertThat(weChat.calls("/cgi-bin/clear_quota")).hasSize(1);
    }

    @Test
    void clearAndRetry_underConcurrentExhaustion_clearsExactlyOnce() throws Exception {
        startGuard(guardBuilder().clears(true, 3));
        GuardedApi api = api(MENU_CREATE, 1, QuotaPolicy.CLEAR_AND_RETRY);
        touch(api);
        AtomicInteger succeeded = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> callers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                callers.add(() -> {
                    try {
                        guard.execute(api, null, () -> "ok");
                        succeeded.incrementAndGet();
                    } catch (QuotaExhaustedException expected) {
                        // only one call fits after the clear
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(callers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(weChat.calls("/cgi-bin/clear_quota")).hasSize(1);
        assertThat(succeeded.get()).isPositive();
    }

    @Test
    void clearRefusedForItsToken_isNotCountedInTheMonthsBudget() {
        startGuard(guardBuilder().clears(true, 3).accessTokenProvider(appId -> "a-token-wechat-never-issued"));

        ClearResult result = guard.clearNow(APP_ID);

        assertThat(result).isEqualTo(ClearResult.FAILED);
        assertThat(weChat.calls("/cgi-bin/clear_quota")).isNotEmpty()
                .allMatch(call -> io.github.wechatquota.wechat.Errcodes.isTokenRejected(call.errcode()));
        assertThat(guard.clearStatus(APP_ID).usedThisMonth()).isZero();
    }

    @Test
    void clearThatGotNoAnswer_isCountedInTheMonthsBudget_forWeChatMayHaveCleared() {
        startGuard(guardBuilder().clears(true, 3));
        weChat.faults().next("/cgi-bin/clear_quota", Fault.MALFORMED_JSON, 1);

        ClearResult result = guard.clearNow(APP_ID);

        assertThat(result).isEqualTo(ClearResult.FAILED);
        assertThat(guard.clearStatus(APP_ID).usedThisMonth()).isEqualTo(1);
    }

    @Test
    void clear_whenTheTokenApiIsExhausted_usesClearQuotaV2() throws Exception {
        weChat.setDailyLimit(APP_ID, "/cgi-bin/stable_token", 1);
        weChat.setUsed(APP_ID, "/cgi-bin/stable_token", 1);
        startGuard(guardBuilder().clears(true, 3));

        ClearResult result = guard.clearNow(APP_ID);

        assertThat(result).isEqualTo(ClearResult.CLEARED);
        assertThat(weChat.calls("/cgi-bin/clear_quota/v2")).hasSize(1);
    }

    @Test
    void systemBusy_isRetriedWithExponentialBackoff() throws Exception {
        startGuard(guardBuilder());
        GuardedApi api = api(MENU_CREATE, 10, QuotaPolicy.REJECT);
        weChat.faults().next(MENU_CREATE, Fault.SYSTEM_BUSY, 2);

        String reply = guard.execute(api, null, () -> callWeChat(MENU_CREATE));

        assertThat(reply).contains("\"errcode\":0");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(9);
    }

    @Test
    void systemBusy_pastMaxAttempts_returnsWeChatsAnswer() throws Exception {
        startGuard(guardBuilder());
        GuardedApi api = api(MENU_CREATE, 10, QuotaPolicy.REJECT);
        weChat.faults().next(MENU_CREATE, Fault.SYSTEM_BUSY, 3);

        String reply = guard.execute(api, null, () -> callWeChat(MENU_CREATE));

        assertThat(reply).contains("\"errcode\":-1");
        assertThat(reachedWeChat(MENU_CREATE)).isEqualTo(3);
    }

    @Test
    void rejectedToken_isInvalidatedAndTheCallMadeOnceMore() throws Exception {
        List<String> invalidated = new ArrayList<>();
        String[] current = {weChat.issueToken(APP_ID)};
        io.github.wechatquota.token.AccessTokenProvider tokens = new io.github.wechatquota.token.AccessTokenProvider() {
            @Override
            public String getAccessToken(String appId) {
                return current[0];
            }

            @Override
            public void invalidate(String appId, String token) {
                invalidated.add(appId);
                current[0] = weChat.issueToken(appId);
            }
        };
        startGuard(guardBuilder().accessTokenProvider(tokens));
        GuardedApi api = api(MENU_CREATE, 10, QuotaPolicy.REJECT);
        weChat.revokeTokens(APP_ID);

        String reply = guard.execute(api, null,
                () -> post(MENU_CREATE + "?access_token=" + tokens.getAccessToken(APP_ID), "{}"));

        assertThat(reply).contains("\"errcode\":0");
        assertThat(invalidated).containsExactly(APP_ID);
        assertThat(weChat.calls(MENU_CREATE)).extracting(c -> c.errcode()).containsExactly(40001, 0);
    }

    @Test
    void ruleAndDefaultPolicy_applyInOrderOfPrecedence() {
        startGuard(guardBuilder()
                .defaultPolicy(QuotaPolicy.WAIT)
                .rule(QuotaRule.policy("/cgi-bin/message/**", QuotaPolicy.CLEAR_AND_RETRY)));

        touch(guard.register(ApiDefinition.of(CUSTOM_SEND)));
        touch(guard.register(ApiDefinition.of(MENU_CREATE)));
        touch(guard.register(ApiDefinition.builder("/cgi-bin/message/mass/send").policy(QuotaPolicy.REJECT).build()));

        assertThat(guard.snapshot(APP_ID, CUSTOM_SEND).orElseThrow().policy()).isEqualTo(QuotaPolicy.CLEAR_AND_RETRY);
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().policy()).isEqualTo(QuotaPolicy.WAIT);
        assertThat(guard.snapshot(APP_ID, "/cgi-bin/message/mass/send").orElseThrow().policy())
                .isEqualTo(QuotaPolicy.REJECT);
    }

    @Test
    void fallbackPolicyFromConfiguration_forAMethodWithoutFallback_isRefusedNamingTheFix() {
        startGuard(guardBuilder().rule(QuotaRule.policy("/cgi-bin/menu/**", QuotaPolicy.FALLBACK)));
        GuardedApi api = guard.register(ApiDefinition.of(MENU_CREATE));

        assertThatThrownBy(() -> guard.execute(api, null, () -> "call"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Policy FALLBACK applies to " + APP_ID + " " + MENU_CREATE)
                .hasMessageContaining("names no fallbackMethod");
    }

    private void touch(GuardedApi api) {
        try {
            guard.execute(api, null, () -> "touch");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
