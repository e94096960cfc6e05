package io.github.wechatquota.demo;

import static io.github.wechatquota.demo.QuotaDemoRunner.FOLLOWERS;
import static io.github.wechatquota.demo.QuotaDemoRunner.MENU;
import static io.github.wechatquota.demo.QuotaDemoRunner.QRCODE;
import static io.github.wechatquota.demo.QuotaDemoRunner.SEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.RecordedCall;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo as {@code java -jar quota-demo.jar} runs it, in-process: the runner plays the scenario against the embedded
 * simulator while the context starts (demo.exit is false, so nothing exits); then the application serves Actuator.
 * The WeChat environment variables are pinned so that a developer's own cannot point the test at the real WeChat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"WECHAT_API_BASE_URL=", "WX_APPID=wx0123456789abcdef", "WX_SECRET=simulator-secret"})
@ExtendWith(OutputCaptureExtension.class)
class QuotaDemoApplicationTests {

    static final String APP_ID = "wx0123456789abcdef";

    @Autowired
    WeChatSimulator weChat;
    @Autowired
    QuotaGuard guard;
    @LocalServerPort
    int port;

    @Test
    void startUp_findsTheApisInTheProcessorsIndexAndSyncsThemFromTheSimulator(CapturedOutput output) {
        assertThat(output.getOut())
                .contains("the WeChat simulator serves appid " + APP_ID + " at " + weChat.baseUri())
                .contains("wechat-quota guards 4 @WeChatApi method(s) found in the annotation processor's index")
                .contains("wechat-quota start-up sync: 5 synced, 0 failed");
    }

    @Test
    void report_showsCallsWithinTheLimitGoingThrough(CapturedOutput output) {
        assertThat(output.getOut())
                .contains("(1) Calls within the daily limit go through")
                .contains(SEND + ": WeChat's daily limit is 3 (SYNCED at start-up), 3 left today, policy REJECT")
                .containsPattern("send #3 +-> WeChat ok +-> \\{\"errcode\":0,\"errmsg\":\"ok\"}")
                .containsPattern("list followers +-> WeChat ok");
    }

    @Test
    void report_showsTheCallPastTheLimitRefusedWithoutCallingWeChat(CapturedOutput output) {
        assertThat(output.getOut())
                .contains("(2) One call more is refused before WeChat is called")
                .containsPattern("send #4 +-> WeChat not called +-> QuotaExhaustedException: Quota of " + SEND
                        + " for appid " + APP_ID + " is exhausted \\(daily limit 3\\)")
                .contains("WeChat received 3 send calls in all, not 4");
    }

    @Test
    void report_showsWeChats45009DrainingTheQuotaAndTheFallback(CapturedOutput output) {
        assertThat(output.getOut())
                .contains("still counts 5 left")
                .containsPattern("create menu #1 +-> WeChat 45009 +-> fallback: menu kept")
                .containsPattern("create menu #2 +-> WeChat not called +-> fallback: menu kept")
                .contains("The 45009 drained the guard's count: 0 left");
    }

    @Test
    void report_showsOneClearSpentAndTheCallMade(CapturedOutput output) {
        assertThat(output.getOut())
                .containsPattern("create QR code #2 +-> WeChat ok")
                .containsPattern("create QR code #3 +-> clear_quota ok, then WeChat ok +-> \\{\"errcode\":0")
                .contains("Clears this month: 1 of the 3 this service may spend (wechat.quota.clear.max-per-month); "
                        + "WeChat counts 1 of its 10");
    }

    @Test
    void report_endsWithTheQuotaTableAndKeepsServing(CapturedOutput output) {
        assertThat(output.getOut())
                .containsPattern("appid +cgi_path +dailyLimit +remaining +source +policy")
                .containsPattern(APP_ID + " +/cgi-bin/menu/create +5 +5 +SYNCED +FALLBACK")
                .containsPattern(APP_ID + " +/cgi-bin/message/custom/send +3 +3 +SYNCED +REJECT")
                .containsPattern(APP_ID + " +/cgi-bin/qrcode/create +2 +1 +SYNCED +CLEAR_AND_RETRY")
                .containsPattern(APP_ID + " +/cgi-bin/user/get +500 +495 +SYNCED +REJECT")
                .contains("Serving until stopped (Ctrl+C)")
                .doesNotContain("demo.exit=true: exiting.");
    }

    @Test
    void weChat_receivedOnlyTheCallsTheGuardLetThrough() {
        assertThat(weChat.calls(SEND)).hasSize(3).allMatch(RecordedCall::succeeded);
        assertThat(weChat.calls(MENU)).singleElement().extracting(RecordedCall::errcode).isEqualTo(45009);
        assertThat(weChat.calls(QRCODE)).hasSize(3).allMatch(RecordedCall::succeeded);
        assertThat(weChat.calls(FOLLOWERS)).hasSize(1).allMatch(RecordedCall::succeeded);
    }

    @Test
    void clearAndRetry_spentExactlyOneClear() {
        assertThat(weChat.calls("/cgi-bin/clear_quota")).hasSize(1);
        assertThat(weChat.clearsUsedThisMonth(APP_ID)).isEqualTo(1);
        assertThat(guard.clearStatus(APP_ID)).isEqualTo(new QuotaGuard.ClearStatus(1, 3, false));
    }

    @Test
    void actuator_servesTheQuotasAfterTheRun() throws Exception {
        HttpResponse<String> quotas = get("/actuator/wechatquota");
        JsonNode app = JsonMapper.shared().readTree(quotas.body()).at("/apps/" + APP_ID);

        assertThat(quotas.statusCode()).isEqualTo(200);
        assertThat(app.at("/clears/usedThisMonth").asInt()).isEqualTo(1);
        assertThat(app.at("/apis").get(MENU).get("policy").asString()).isEqualTo("FALLBACK");
        assertThat(app.at("/apis").get(QRCODE).get("policy").asString()).isEqualTo("CLEAR_AND_RETRY");
        assertThat(app.at("/apis").get(SEND).get("dailyLimit").asLong()).isEqualTo(3);
        assertThat(app.at("/apis").get(SEND).get("source").asString()).isEqualTo("SYNCED");
    }

    @Test
    void actuator_servesTheQuotaHealth() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        JsonNode body = JsonMapper.shared().readTree(health.body());

        assertThat(health.statusCode()).isEqualTo(200);
        // The demo runs on the real clock, and the forecast reads the day's rate: a quota of 2 with one call made runs
        // out before midnight or not depending on the hour the test runs at. Either way the quotas are served.
        assertThat(body.at("/components/wechatQuota/status").asString()).isIn("UP", "QUOTA_LOW");
        assertThat(body.at("/components/wechatQuota/details/quotas").asInt()).isEqualTo(5);
    }

    @Test
    void build_writesTheProcessorsIndexWithTheClassesOfTheDemo() throws IOException {
        Path index = Path.of("target", "classes", "META-INF", "wechat-quota", "apis.json");

        assertThat(index).exists();
        assertThat(Files.readString(index, StandardCharsets.UTF_8))
                .contains("\"type\":\"io.github.wechatquota.demo.WeChatClient\"")
                .contains("\"cgiPath\":\"" + SEND + "\"", "\"cgiPath\":\"" + MENU + "\"",
                        "\"cgiPath\":\"" + QRCODE + "\"", "\"cgiPath\":\"" + FOLLOWERS + "\"");
    }

    /** The running demo over HTTP, as {@code curl} in the README reaches it. */
    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
