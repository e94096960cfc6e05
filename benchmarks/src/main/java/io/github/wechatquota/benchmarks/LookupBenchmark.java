package io.github.wechatquota.benchmarks;

import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measurement 5b: a permitted call when the guard knows many quotas, as a third-party platform's does: {@code keys}
 * accounts that are not configured (a platform's authorized accounts), one API each, on the local store, every call for
 * the next account in a fixed stride through all of them, so that each call finds its quota among {@code keys} and few
 * find it in the CPU's caches. Flat from 1,000 to 200,000 keys is the target; what grows is the cost of memory, not of
 * the lookup.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LookupBenchmark {

    /** A stride coprime with every key count measured: consecutive calls land far apart. */
    private static final int STRIDE = 7_919;

    @State(Scope.Thread)
    public static class Platform {
        @Param({"1000", "10000", "200000"})
        int keys;

        QuotaGuard guard;
        GuardedApi api;
        String[] appIds;
        Fixtures.WeChatStub weChat;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws Throwable {
            weChat = new Fixtures.WeChatStub(Fixtures.OK);
            guard = Fixtures.quietGuard().build();
            api = guard.register(ApiDefinition.builder(Fixtures.SEND).dailyLimit(Fixtures.NO_LIMIT_IN_SIGHT)
                    .policy(QuotaPolicy.REJECT).build());
            appIds = new String[keys];
            for (int i = 0; i < keys; i++) {
                appIds[i] = Fixtures.benchAppId(i);
                guard.call(api, appIds[i], weChat, Fixtures.CALL_STUB);
            }
        }

        String nextAppId() {
            next = (next + STRIDE) % keys;
            return appIds[next];
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            guard.close();
        }
    }

    /** One permitted call for the next account. */
    @Benchmark
    public Object permittedCall(Platform platform) throws Throwable {
        return platform.guard.call(platform.api, platform.nextAppId(), platform.weChat, Fixtures.CALL_STUB);
    }
}
