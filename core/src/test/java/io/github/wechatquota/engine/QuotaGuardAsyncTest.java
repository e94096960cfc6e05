package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Results that complete later are counted, and their errcodes read, when they complete. */
class QuotaGuardAsyncTest extends EngineTestSupport {

    private GuardedApi menuCreate(long dailyLimit, QuotaPolicy policy) {
        return guard.register(ApiDefinition.builder(MENU_CREATE).dailyLimit(dailyLimit).policy(policy)
                .fallback(policy == QuotaPolicy.FALLBACK).build());
    }

    private CompletableFuture<Object> callAsync(GuardedApi api, CompletableFuture<String> answer) {
        return guard.callAsync(api, null, answer, new GuardedCall<CompletableFuture<String>>() {
            @Override
            public Object proceed(CompletableFuture<String> context) {
                return context;
            }

            @Override
            public Object fallback(CompletableFuture<String> context, QuotaExhaustedException cause) {
                return CompletableFuture.completedFuture("fallback: " + cause.getCgiPath());
            }
        });
    }

    @Test
    void permittedAsyncCall_completesWithItsResult_andTakesOneToken() {
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(10, QuotaPolicy.REJECT);

        CompletableFuture<Object> result = callAsync(api, CompletableFuture.completedFuture("{\"errcode\":0}"));

        assertThat(result.join()).isEqualTo("{\"errcode\":0}");
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining()).hasValue(9);
    }

    @Test
    void weChat45009_inAResultThatCompletesLater_drainsTheQuota() {
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(10, QuotaPolicy.REJECT);
        CompletableFuture<String> answer = new CompletableFuture<>();

        CompletableFuture<Object> result = callAsync(api, answer);
        assertThat(result).isNotDone();
        answer.complete("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");

        assertThat(result).isCompletedExceptionally();
        assertThat(result.handle((value, thrown) -> thrown.getCause()).join())
                .isInstanceOf(QuotaExhaustedException.class);
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().orElseThrow()).isZero();
    }

    @Test
    void exhaustedQuota_underReject_completesExceptionallyWithoutCalling() {
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(1, QuotaPolicy.REJECT);
        callAsync(api, CompletableFuture.completedFuture("ok")).join();
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<Object> refused = guard.callAsync(api, null, null, context -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture("never");
        });

        assertThat(refused).isCompletedExceptionally();
        assertThat(calls).hasValue(0);
    }

    @Test
    void exhaustedQuota_underFallback_completesWithTheFallbacksResult() {
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(1, QuotaPolicy.FALLBACK);
        callAsync(api, CompletableFuture.completedFuture("ok")).join();

        Object result = callAsync(api, CompletableFuture.completedFuture("never")).join();

        assertThat(result).isEqualTo("fallback: " + MENU_CREATE);
    }

    @Test
    void systemBusy_inAResultThatCompletesLater_isCalledAgain() {
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(10, QuotaPolicy.REJECT);
        AtomicInteger calls = new AtomicInteger();

        Object result = guard.callAsync(api, null, null, context -> CompletableFuture.completedFuture(
                calls.incrementAndGet() == 1 ? "{\"errcode\":-1}" : "{\"errcode\":0}")).join();

        assertThat(result).isEqualTo("{\"errcode\":0}");
        assertThat(calls).hasValue(2);
        assertThat(sleeps).isNotEmpty();
    }

    @Test
    void failedResult_isPassedOnAsItIs() {
        startGuard(guardBuilder());
        GuardedApi api = menuCreate(10, QuotaPolicy.REJECT);
        IllegalStateException failure = new IllegalStateException("connection reset");

        CompletableFuture<Object> result = callAsync(api, CompletableFuture.failedFuture(failure));

        assertThat(result.handle((value, thrown) -> thrown instanceof CompletionException ? thrown.getCause() : thrown)
                .join()).isSameAs(failure);
    }
}
