package io.github.wechatquota.engine;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.token.AccessTokenProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps calls to WeChat inside each account's API quotas. Built once with {@link #builder()}, shared by every thread.
 *
 * <pre>{@code
 * QuotaGuard guard = QuotaGuard.builder()
 *         .app(AppSettings.builder("wx0123456789abcdef", AccountType.OFFICIAL_ACCOUNT).secret(secret).build())
 *         .build();
 * GuardedApi send = guard.register(ApiDefinition.of("/cgi-bin/message/custom/send"));
 * guard.execute(send, null, () -> client.send(message));   // throws QuotaExhaustedException when used up
 * }</pre>
 */
public interface QuotaGuard extends AutoCloseable {

    /** A builder with the defaults of the design: local store, Asia/Shanghai, 1% margin, REJECT. */
    static QuotaGuardBuilder builder() {
        return new QuotaGuardBuilder();
    }

    /**
     * Registers a guarded method's API; do it once per method and keep the result.
     *
     * @throws IllegalArgumentException when the definition conflicts with the configuration
     */
    GuardedApi register(ApiDefinition definition);

    /**
     * Makes one guarded call: takes the API's cost from the account's quota, calls, reads the errcode of the result,
     * and applies the policy when the quota is used up (before the call, or because WeChat said 45009/45011).
     *
     * @param api the registered API
     * @param appId the account, or {@code null} for the default one
     * @param context per-call state handed to {@code call}
     * @param call how to call and fall back
     * @return what the call (or the fallback) returned
     * @throws QuotaExhaustedException when the quota is used up and the policy finds no way through
     */
    <C> Object call(GuardedApi api, String appId, C context, GuardedCall<C> call) throws Throwable;

    /**
     * Makes one guarded call whose result completes later: {@code call.proceed} returns a {@link
     * java.util.concurrent.CompletionStage} (or null). The call stays in flight, and its errcode is read, when that
     * stage completes; 45009/45011, -1 and a rejected token are handled then, as {@link #call} does at once. A call the
     * policy refuses completes exceptionally with a {@link QuotaExhaustedException}; nothing is thrown.
     *
     * @return what the call (or the fallback) completed with
     */
    <C> CompletableFuture<Object> callAsync(GuardedApi api, String appId, C context, GuardedCall<C> call);

    /** {@link #call} for a {@link Callable}, with no fallback. */
    @SuppressWarnings("unchecked")
    default <T> T execute(GuardedApi api, String appId, Callable<T> callable) throws Exception {
        try {
            return (T) call(api, appId, callable, Callable::call);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable other) {
            throw new IllegalStateException(other);
        }
    }

    /** Every quota known so far. */
    List<QuotaSnapshot> snapshots();

    /** One quota, if it is known. */
    Optional<QuotaSnapshot> snapshot(String appId, String cgiPath);

    /** Every e-waybill balance used so far. */
    List<WaybillSnapshot> waybills();

    /**
     * The tokens the guard uses for its own admin calls: the configured provider, or the built-in stable_token one.
     * Business calls can take their tokens from it too, so that a token WeChat rejects is refreshed for both.
     */
    AccessTokenProvider accessTokens();

    /** The quota store, and whether it answers. */
    StoreStatus storeStatus();

    /** The configured accounts. */
    Set<String> appIds();

    /** The account's clears this month. */
    ClearStatus clearStatus(String appId);

    /** Asks getApiQuota for every known quota now, in parallel within the configured concurrency. */
    CompletableFuture<SyncReport> syncNow();

    /**
     * Clears the account's quotas now (an operator's request), within the monthly budget.
     *
     * @throws IllegalStateException when clears are disabled
     */
    ClearResult clearNow(String appId);

    /**
     * Gives back what this instance leased from a shared store and did not spend, stops the periodic sync and releases
     * what the guard owns.
     */
    @Override
    void close();

    /**
     * An account's clears this calendar month.
     *
     * @param usedThisMonth clears this library made this month
     * @param maxPerMonth the most it may make ({@code max-per-month})
     * @param refusedByWeChat whether WeChat answered 48006 this month
     */
    record ClearStatus(int usedThisMonth, int maxPerMonth, boolean refusedByWeChat) {
    }
}
