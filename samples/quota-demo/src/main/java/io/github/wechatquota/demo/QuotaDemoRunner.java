package io.github.wechatquota.demo;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaSnapshot;
import io.github.wechatquota.simulator.RecordedCall;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the demo through the guarded {@link WeChatClient} and prints what happens: (1) calls within the limit, (2) a
 * call past it refused locally, (3) WeChat's own 45009 understood, (4) CLEAR_AND_RETRY spending one clear, (5) the
 * quota table. Steps 2 to 4 need the simulator: against the real WeChat they are skipped (nothing is used up, no
 * message is sent, no menu changed, no clear spent) and step 1 makes one read-only call.
 */
@Component
class QuotaDemoRunner implements ApplicationRunner {

    static final String SEND = "/cgi-bin/message/custom/send";
    static final String MENU = "/cgi-bin/menu/create";
    static final String QRCODE = "/cgi-bin/qrcode/create";
    static final String FOLLOWERS = "/cgi-bin/user/get";

    private static final String WITHIN_THE_LIMIT = "Calls within the daily limit go through";
    private static final String PAST_THE_LIMIT = "One call more is refused before WeChat is called";
    private static final String LIMITED_BY_WECHAT = "WeChat answers 45009 although the guard still counts calls left";
    private static final String CLEAR_AND_RETRY = "CLEAR_AND_RETRY spends one clear, and the call goes through";

    private static final String CLEAR = "/cgi-bin/clear_quota";
    /** More calls than this to use up a quota would make a long report: the simulator's limits are meant to be low. */
    private static final long MAX_CALLS_PER_STEP = 10;
    private static final Duration RESYNC_WAIT = Duration.ofSeconds(5);
    private static final String MESSAGE = """
            {"touser":"oDemoFollower","msgtype":"text","text":{"content":"Your order has shipped"}}""";
    private static final String MENU_JSON = """
            {"button":[{"type":"click","name":"Today","key":"TODAY"}]}""";
    private static final String QRCODE_REQUEST = """
            {"expire_seconds":60,"action_name":"QR_STR_SCENE","action_info":{"scene":{"scene_str":"demo"}}}""";

    private final WeChatClient client;
    private final QuotaGuard guard;
    private final ObjectProvider<WeChatSimulator> simulator;
    private final Environment environment;
    private final String appId;
    private final JsonMapper json = new JsonMapper();
    private final PrintStream out = System.out;

    QuotaDemoRunner(WeChatClient client, QuotaGuard guard, ObjectProvider<WeChatSimulator> simulator,
            Environment environment, @Value("${demo.app-id}") String appId) {
        this.client = client;
        this.guard = guard;
        this.simulator = simulator;
        this.environment = environment;
        this.appId = appId;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        WeChatSimulator weChatSimulator = simulator.getIfAvailable();
        String backend = weChatSimulator != null ? "the embedded WeChat simulator at " + weChatSimulator.baseUri()
                : "WeChat at " + environment.getProperty("wechat.quota.api-base-url");
        out.println();
        out.println("=".repeat(100));
        out.println("wechat-quota demo: appid " + appId + ", calling " + backend);
        out.println("=".repeat(100));
        if (weChatSimulator != null) {
            new SimulatedScenario(weChatSimulator).play();
        } else {
            playAgainstWeChat();
        }
        printQuotaTable();
        out.println();
        String port = environment.getProperty("local.server.port", "8080");
        if (environment.getProperty("demo.exit", Boolean.class, false)) {
            out.println("demo.exit=true: exiting.");
        } else {
            out.println("Serving until stopped (Ctrl+C):  curl -s http://localhost:" + port + "/actuator/wechatquota"
                    + "   curl -s http://localhost:" + port + "/actuator/health");
        }
        out.println("=".repeat(100));
        out.flush();
    }

    // ---- against the simulator --------------------------------------------------------------------------------

    /** The scenario, with the simulator as WeChat: it shows what WeChat received for each call. */
    private final class SimulatedScenario {

        private final WeChatSimulator weChat;

        SimulatedScenario(WeChatSimulator weChat) {
            this.weChat = weChat;
        }

        void play() throws InterruptedException {
            withinTheLimit();
            pastTheLimit();
            weChatSays45009();
            clearAndRetry();
        }

        private void withinTheLimit() {
            step(1, WITHIN_THE_LIMIT);
            QuotaSnapshot send = snapshot(SEND);
            out.println("    " + SEND + ": WeChat's daily limit is " + known(send.dailyLimit()) + " (" + send.source()
                    + " at start-up), " + known(send.remaining()) + " left today, policy " + send.policy());
            long calls = Math.min(send.remaining().orElse(0), MAX_CALLS_PER_STEP);
            for (int i = 1; i <= calls; i++) {
                call("send #" + i, SEND, () -> client.sendCustomMessage(MESSAGE));
            }
            call("list followers", FOLLOWERS, () -> client.listFollowers(""));
        }

        private void pastTheLimit() {
            step(2, PAST_THE_LIMIT);
            int before = weChat.calls(SEND).size();
            call("send #" + (before + 1), SEND, () -> client.sendCustomMessage(MESSAGE));
            out.println("    WeChat received " + weChat.calls(SEND).size() + " send calls in all, not " + (before + 1)
                    + "; the exception says when the quota comes back (midnight in China)");
        }

        private void weChatSays45009() {
            step(3, LIMITED_BY_WECHAT);
            long limit = weChat.quota(appId, MENU).dailyLimit();
            weChat.setUsed(appId, MENU, limit);
            out.println("    Another service (or the admin console) uses all " + limit + " of today's " + MENU
                    + " calls; the guard, not synced since start-up, still counts " + known(snapshot(MENU).remaining())
                    + " left");
            call("create menu #1", MENU, () -> client.createMenu(MENU_JSON));
            call("create menu #2", MENU, () -> client.createMenu(MENU_JSON));
            QuotaSnapshot menu = snapshot(MENU);
            out.println("    The 45009 drained the guard's count: " + known(menu.remaining())
                    + " left, so the second call never reached WeChat; policy " + menu.policy()
                    + " (rule /cgi-bin/menu/**) called the fallback both times");
        }

        private void clearAndRetry() throws InterruptedException {
            step(4, CLEAR_AND_RETRY);
            QuotaSnapshot qrcode = snapshot(QRCODE);
            out.println("    " + QRCODE + ": daily limit " + known(qrcode
                    .dailyLimit()) + ", " + known(qrcode.remaining())
                    + " left, policy " + qrcode.policy() + " (wechat.quota.apps." + appId + ".apis)");
            Instant started = Instant.now();
            long calls = Math.min(qrcode.remaining().orElse(0), MAX_CALLS_PER_STEP) + 1;
            for (int i = 1; i <= calls; i++) {
                call("create QR code #" + i, QRCODE, () -> client.createQrCode(QRCODE_REQUEST));
            }
            awaitResyncSince(started);
            QuotaGuard.ClearStatus clears = guard.clearStatus(appId);
            out.println("    Clears this month: " + clears.usedThisMonth() + " of the " + clears.maxPerMonth()
                    + " this service may spend (wechat.quota.clear.max-per-month); WeChat counts "
                    + weChat.clearsUsedThisMonth(appId) + " of its 10");
            out.println("    A clear resets every API of the account: " + SEND + " and " + MENU + " have their "
                    + "quota back too");
        }

        /**
         * After a clear the guard re-syncs the account's quotas in the background, while the retried call travels, and
         * counts that call as used in case WeChat's answer missed it. Lets those answers land, so that the sync before
         * the table (with nothing in flight) has the last word.
         */
        private void awaitResyncSince(Instant since) throws InterruptedException {
            long deadline = System.nanoTime() + RESYNC_WAIT.toNanos();
            while (System.nanoTime() < deadline && guard.snapshots().stream()
                    .filter(snapshot -> snapshot.appId().equals(appId) && snapshot.queryable())
                    .anyMatch(snapshot -> snapshot.lastSyncedAt().map(at -> at.isBefore(since)).orElse(true))) {
                Thread.sleep(10);
            }
        }

        /** Makes one call and prints what WeChat received for it, and what the caller got. */
        private void call(String what, String path, Callable<String> call) {
            int before = weChat.calls().size();
            String outcome;
            try {
                outcome = describe(call.call());
            } catch (QuotaExhaustedException e) {
                outcome = "QuotaExhaustedException: " + e.getMessage();
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            List<RecordedCall> all = weChat.calls();
            out.println(String.format("    %-18s -> %-22s -> %s", what, received(all.subList(before, all.size()), path),
                    outcome));
        }
    }

    /** What WeChat received for the API (and any clear), leaving out the guard's token fetches and syncs. */
    private static String received(List<RecordedCall> calls, String path) {
        List<RecordedCall> relevant = calls.stream()
                .filter(call -> call.path().equals(path) || call.path().equals(CLEAR)).toList();
        if (relevant.isEmpty()) {
            return "WeChat not called";
        }
        return relevant.stream()
                .map(call -> (call.path().equals(CLEAR) ? "clear_quota " : "WeChat ")
                        + (call.errcode() == 0 ? "ok" : String.valueOf(call.errcode())))
                .collect(Collectors.joining(", then "));
    }

    // ---- against WeChat ---------------------------------------------------------------------------------------

    private void playAgainstWeChat() {
        step(1, WITHIN_THE_LIMIT);
        if (appId.equals(DemoBackend.CONFIGURED_APP_ID)) {
            out.println("    Skipped: " + appId + " is the simulator's demo account. Set WX_APPID and WX_SECRET to "
                    + "a real account (IP allow-listed for its access token).");
        } else {
            try {
                out.println("    list followers (" + FOLLOWERS + ", read-only) -> "
                        + describe(client.listFollowers("")));
            } catch (RuntimeException e) {
                out.println("    list followers -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        skip(2, PAST_THE_LIMIT, "a real quota would have to be used up first");
        skip(3, LIMITED_BY_WECHAT, "a real quota would have to be used up first");
        skip(4, CLEAR_AND_RETRY, "it would spend one of the account's ten clears a month");
    }

    private void skip(int number, String title, String why) {
        step(number, title);
        out.println("    Skipped against the real WeChat: " + why + ". Run without WECHAT_API_BASE_URL to see it "
                + "with the simulator.");
    }

    // ---- common -----------------------------------------------------------------------------------------------

    private void printQuotaTable() {
        step(5, "The quotas as the guard sees them (QuotaGuard.snapshots(), after a sync with WeChat)");
        guard.syncNow().join();
        String format = "    %-20s %-30s %10s %10s %-10s %s%n";
        out.printf(format, "appid", "cgi_path", "dailyLimit", "remaining", "source", "policy");
        for (QuotaSnapshot snapshot : guard.snapshots()) {
            out.printf(format, snapshot.appId(), snapshot.cgiPath(), known(snapshot
                    .dailyLimit()), known(snapshot.remaining()),
                    snapshot.source(), snapshot.policy());
        }
    }

    /** A count as printed: the number, or "unknown". */
    private static String known(OptionalLong count) {
        return count.isPresent() ? Long.toString(count.getAsLong()) : "unknown";
    }

    private QuotaSnapshot snapshot(String cgiPath) {
        return guard.snapshot(appId, cgiPath).orElseThrow(() -> new IllegalStateException(
                "The guard knows no quota of " + cgiPath + " for " + appId));
    }

    private void step(int number, String title) {
        out.println();
        out.println("(" + number + ") " + title);
    }

    /** WeChat's answer in short: ok, an errcode, a follower count; or the fallback's. */
    private String describe(String reply) {
        if (reply == null || reply.startsWith(WeChatClient.FALLBACK_PREFIX)) {
            return String.valueOf(reply);
        }
        try {
            JsonNode node = json.readTree(reply);
            if (node.path("errcode").asInt(0) != 0) {
                return "errcode " + node.path("errcode").asInt() + " (" + node.path("errmsg").asString() + ")";
            }
            if (node.has("total")) {
                return node.path("total").asLong() + " followers";
            }
        } catch (JacksonException notJson) {
            return reply;
        }
        return reply;
    }
}
