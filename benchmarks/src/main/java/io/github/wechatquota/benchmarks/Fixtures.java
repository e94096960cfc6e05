package io.github.wechatquota.benchmarks;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.GuardedCall;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaGuardBuilder;
import io.github.wechatquota.engine.StoreFailureMode;
import io.github.wechatquota.token.AccessTokenProvider;
import java.time.Duration;

/** What every measurement shares: the account, the API, WeChat's canned reply, a guard that makes no admin calls. */
final class Fixtures {

    static final String APP_ID = "wx0123456789abcdef";
    static final String SECRET = "benchmark-secret";
    static final String SEND = "/cgi-bin/message/custom/send";
    /** A daily limit no benchmark reaches: every call measured is a permitted one. */
    static final long NO_LIMIT_IN_SIGHT = 1_000_000_000_000L;
    /** WeChat's answer to a successful business call: the guard scans it for an errcode, as after every call. */
    static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    static final ApiDefinition SEND_API = ApiDefinition.builder(SEND).dailyLimit(NO_LIMIT_IN_SIGHT)
            .policy(QuotaPolicy.REJECT).build();

    /** Tokens for admin calls, which the per-call benchmarks never make. */
    static final AccessTokenProvider NO_ADMIN_CALLS = appId -> {
        throw new IllegalStateException("the benchmark made an admin call for " + appId);
    };

    /** The guarded call: the "WeChat API" is a method returning the canned reply. */
    static final GuardedCall<WeChatStub> CALL_STUB = WeChatStub::send;

    private Fixtures() {
    }

    /**
     * Makes the simulator's HTTP server (the JDK's) send its answers without waiting: by default it writes the headers
     * and the body of an answer in two packets with Nagle's algorithm on, so the body waits for the client's delayed
     * acknowledgement, 40 ms on Linux, and every call to the simulator takes over 40 ms on loopback. WeChat's servers
     * do not do that. Call before the first simulator starts: the JDK reads the property once.
     */
    static void simulatorWithoutNagle() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A guard on one account with no sync (no simulator is asked): only the permitted path is exercised. */
    static QuotaGuardBuilder quietGuard() {
        return QuotaGuard.builder()
                .app(AppSettings.of(APP_ID, AccountType.OFFICIAL_ACCOUNT))
                .accessTokenProvider(NO_ADMIN_CALLS)
                .syncInterval(Duration.ZERO)
                .syncOnFirstUse(false);
    }

    /** Apps {@code wxbench0000...}: many accounts sharing one API, as a third-party platform has. */
    static String benchAppId(int i) {
        return String.format("wxbench%010d", i);
    }

    /**
     * How long a store benchmark lets one store command take: long enough that a loaded machine slows the store down
     * instead of timing it out, which would let the guard count locally and the benchmark time that.
     */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A guard on {@code apps} accounts sharing a store, no sync: a store failure fails the call ({@code FAIL_CLOSED}),
     * so that JMH reports it rather than timing the local fallback.
     */
    static QuotaGuardBuilder storeGuard(int apps) {
        return quietGuard(apps).onStoreFailure(StoreFailureMode.FAIL_CLOSED, 1);
    }

    /** A guard on {@code apps} accounts (the first is the default), no sync. */
    static QuotaGuardBuilder quietGuard(int apps) {
        QuotaGuardBuilder builder = QuotaGuard.builder()
                .accessTokenProvider(NO_ADMIN_CALLS)
                .syncInterval(Duration.ZERO)
                .syncOnFirstUse(false)
                .defaultAppId(benchAppId(0));
        for (int i = 0; i < apps; i++) {
            builder.app(AppSettings.builder(benchAppId(i), AccountType.OFFICIAL_ACCOUNT).build());
        }
        return builder;
    }

    /** The bare "WeChat API": what every guarded or limited call finally invokes. */
    static final class WeChatStub {
        private final String reply;

        WeChatStub(String reply) {
            this.reply = reply;
        }

        String send() {
            return reply;
        }
    }
}
