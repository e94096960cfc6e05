package io.github.wechatquota.benchmarks;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.ApiDefinition;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.token.AccessTokenProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Measurement 5c: getApiQuota calls in a day for a third-party platform's 200,000 quotas (10,000 authorized accounts x
 * 20 APIs, all known from the day before) under a skewed load: 1% of the accounts call each of their 20 APIs once a
 * minute, 9% call 5 APIs once every ten minutes, and the other 90% call 2 APIs three times a day. The day runs on a
 * clock of its own, a minute at a time: the minute's calls through the guard (the business call itself is a stub, whose
 * permitted calls the simulator is told to count, as WeChat would; the syncs are real getApiQuota calls to the
 * simulator over HTTP, with each account's authorizer token), then the guard's periodic round. Every getApiQuota call the simulator answered is counted, beside what asking every quota each
 * {@code sync.interval} (10 minutes) would take: 200,000 x 144 = 28.8 million.
 *
 * <p>Usage: {@code java -Xmx3g -cp benchmarks.jar io.github.wechatquota.benchmarks.SyncLoadMeasurement <out.json>
 * [accounts]}
 */
public final class SyncLoadMeasurement {

    static final String PLATFORM = "wxcomponent0000001";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final Duration INTERVAL = Duration.ofMinutes(10);
    static final List<String> PATHS = List.of("/cgi-bin/menu/create", "/cgi-bin/menu/get", "/cgi-bin/menu/delete",
            "/cgi-bin/groups/create", "/cgi-bin/groups/get", "/cgi-bin/groups/update",
            "/cgi-bin/groups/members/update", "/cgi-bin/media/upload", "/cgi-bin/media/get",
            "/cgi-bin/message/custom/send", "/cgi-bin/message/mass/sendall", "/cgi-bin/message/mass/send",
            "/cgi-bin/media/uploadnews", "/cgi-bin/message/mass/delete", "/cgi-bin/qrcode/create",
            "/cgi-bin/user/get", "/cgi-bin/user/info", "/cgi-bin/user/info/updateremark", "/cgi-bin/tags/create",
            "/cgi-bin/tags/get");
    private static final String QUOTA_GET = "/cgi-bin/openapi/quota/get";
    private static final int MINUTES = 24 * 60 - 2;

    private SyncLoadMeasurement() {
    }

    public static void main(String[] args) throws Throwable {
        Fixtures.simulatorWithoutNagle();
        File out = new File(args.length > 0 ? args[0] : "scale-sync.json");
        int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        MutableClock clock = MutableClock.at(ZonedDateTime.of(2026, 11, 23, 0, 1, 0, 0, CHINA).toInstant(), CHINA);
        Rounds rounds = new Rounds();
        WeChatSimulator.Builder simulated = WeChatSimulator.builder().clock(clock).platform(PLATFORM, "secret");
        for (int i = 0; i < accounts; i++) {
            simulated.authorizer(PLATFORM, appId(i), "refreshtoken@@@" + i,
                    io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        try (WeChatSimulator weChat = simulated.start()) {
            weChat.setDailyLimitForAll("/cgi-bin/tags/create", 1_000);
            weChat.setDailyLimitForAll("/cgi-bin/tags/get", 1_000);
            Map<String, String> tokens = new ConcurrentHashMap<>();
            QuotaGuard guard = QuotaGuard.builder().apiBaseUrl(weChat.baseUri()).clock(clock).zone(CHINA)
                    .app(AppSettings.builder(PLATFORM, AccountType.THIRD_PARTY_PLATFORM).secret("secret").build())
                    .accessTokenProvider(new AccessTokenProvider() {
                        // The application's authorizer tokens, kept until WeChat says one expired (they last 2 hours).
                        @Override
                        public String getAccessToken(String appId) {
                            return tokens.computeIfAbsent(appId,
                                    id -> weChat.platforms().issueAuthorizerToken(PLATFORM, id));
                        }

                        @Override
                        public void invalidate(String appId, String token) {
                            tokens.remove(appId, token);
                        }
                    })
                    .syncInterval(INTERVAL).syncOnFirstUse(false).scheduler(rounds).build();
            try {
                List<GuardedApi> apis = new ArrayList<>();
                for (String path : PATHS) {
                    GuardedApi api = guard.register(ApiDefinition.builder(path).policy(QuotaPolicy.REJECT).build());
                    apis.add(api);
                    for (int i = 0; i < accounts; i++) {
                        api.bind(appId(i)); // known from the day before
                    }
                }
                weChat.resetCalls();
                long started = System.nanoTime();
                long[] counts = day(guard, apis, accounts, clock, rounds, weChat);
                long quotas = (long) accounts * PATHS.size();
                long asked = weChat.calls(QUOTA_GET).size();
                result.put("accounts", accounts);
                result.put("apisPerAccount", PATHS.size());
                result.put("quotas", quotas);
                result.put("syncIntervalMinutes", INTERVAL.toMinutes());
                result.put("minutes", MINUTES);
                result.put("calls", counts[0]);
                result.put("permitted", counts[1]);
                result.put("quotasUsed", counts[2]);
                result.put("getApiQuota", asked);
                result.put("everyQuotaEveryInterval", quotas * (Duration.ofDays(1).toMinutes() / INTERVAL.toMinutes()));
                result.put("seconds", (System.nanoTime() - started) / 1e9);
                System.out.printf("%,d quotas, %,d used: %,d calls (%,d permitted), %,d getApiQuota in the day "
                        + "(every quota every %d min: %,d)%n", quotas, counts[2], counts[0], counts[1], asked,
                        INTERVAL.toMinutes(), result.get("everyQuotaEveryInterval"));
            } finally {
                guard.close();
                rounds.shutdownNow(); // the measurement's, not the guard's: its thread would keep the JVM alive
            }
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, result);
    }

    /** The day, a minute at a time; returns calls made, calls permitted, quotas used. */
    private static long[] day(QuotaGuard guard, List<GuardedApi> apis, int accounts, MutableClock clock,
            Rounds rounds, WeChatSimulator weChat) throws Throwable {
        int hot = Math.max(1, accounts / 100);
        int warm = Math.max(1, accounts / 10);
        long calls = 0;
        long permitted = 0;
        Set<Long> used = new HashSet<>();
        Map<Long, Long> reached = new HashMap<>();
        Set<Long> touched = new HashSet<>();
        for (int minute = 0; minute < MINUTES; minute++) {
            for (int i = 0; i < accounts; i++) {
                int apiCount = i < hot ? apis.size() : i < warm ? 5 : 2;
                for (int a = 0; a < apiCount; a++) {
                    if (!callsNow(i, a, minute, hot, warm)) {
                        continue;
                    }
                    calls++;
                    long quota = (long) i * apis.size() + a;
                    used.add(quota);
                    try {
                        guard.call(apis.get(a), appId(i), Fixtures.OK, reply -> reply);
                        permitted++;
                        reached.merge(quota, 1L, Long::sum);
                        touched.add(quota);
                    } catch (QuotaExhaustedException refused) {
                        // the account's day of that API is used up: refused before WeChat, as in production
                    }
                }
            }
            // WeChat counts what reached it (the business calls are stubs): its count of each quota used this minute.
            for (long quota : touched) {
                weChat.setUsed(appId((int) (quota / apis.size())), PATHS.get((int) (quota % apis.size())),
                        reached.get(quota));
            }
            touched.clear();
            clock.advance(Duration.ofMinutes(1));
            rounds.runRound();
        }
        return new long[] {calls, permitted, used.size()};
    }

    /** Whether account {@code i} calls its API {@code a} in this minute. */
    private static boolean callsNow(int i, int a, int minute, int hot, int warm) {
        if (i < hot) {
            return true;
        }
        if (i < warm) {
            return (minute + i + a) % 10 == 0;
        }
        // Three calls a day, at minutes spread by the account and API.
        int seed = (i * 31 + a) * 2_654_435;
        for (int k = 0; k < 3; k++) {
            if (Math.floorMod(seed + k * 479_001_599, MINUTES) == minute) {
                return true;
            }
        }
        return false;
    }

    static String appId(int i) {
        return String.format("wxauthorizer%06d", i);
    }

    /** The guard's scheduler on the measurement's clock: its periodic round runs when the day's minute says. */
    static final class Rounds extends ScheduledThreadPoolExecutor {
        private final List<Runnable> periodic = new CopyOnWriteArrayList<>();

        Rounds() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            periodic.add(command);
            return super.schedule(() -> { }, 365, TimeUnit.DAYS);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return super.schedule(() -> { }, 365, TimeUnit.DAYS); // midnight is not part of the measured day
        }

        void runRound() {
            periodic.forEach(Runnable::run);
        }
    }
}
