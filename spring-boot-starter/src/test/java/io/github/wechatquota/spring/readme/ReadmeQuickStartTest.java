package io.github.wechatquota.spring.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.engine.QuotaSnapshot;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The README's quick start as printed: its Java blocks (imports included) compiled by the JDK's compiler, its
 * {@code application.yml} on the classpath, run as a web application against the simulator. Only the WeChat URL (the
 * simulator's), the secret and the server port are given from outside, as a user's command line would.
 */
class ReadmeQuickStartTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String SECRET = "quick-start-secret";
    private static final String PACKAGE = "com.example.wechat.";

    @TempDir
    static Path build;

    private static Path classes;
    private WeChatSimulator weChat;
    private URLClassLoader loader;
    private ConfigurableApplicationContext context;

    @BeforeAll
    static void compileTheQuickStart() throws IOException {
        ReadmeSection quickStart = ReadmeSection.read("## Quick start");
        ReadmeCompiler.compile(quickStart.blocks("java"), build);
        classes = build.resolve("classes");
        Files.writeString(classes.resolve("application.yml"), quickStart.blocks("yaml").get(0));
    }

    @BeforeEach
    void startWeChatAndTheApplication() throws Exception {
        weChat = WeChatSimulator.builder().account(APP_ID, SECRET, AccountType.OFFICIAL_ACCOUNT).start();
        weChat.setDailyLimit(APP_ID, "/cgi-bin/message/custom/send", 2);
        weChat.setDailyLimit(APP_ID, "/cgi-bin/menu/create", 1);
        weChat.setDailyLimit(APP_ID, "/cgi-bin/user/get", 1);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        context = new SpringApplicationBuilder(new DefaultResourceLoader(loader),
                loader.loadClass(PACKAGE + "WeChatApplication"))
                .run("--wechat.quota.api-base-url=" + weChat.baseUri(), "--WX_SECRET=" + SECRET, "--server.port=0");
    }

    @AfterEach
    void stopAll() throws IOException {
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        if (context != null) {
            context.close();
        }
        loader.close();
        weChat.close();
    }

    @Test
    void feignClient_isGuardedAsTheReadmeSays() throws Exception {
        Object client = bean("WeChatClient");

        call(client, "sendCustomMessage", "{}");
        call(client, "sendCustomMessage", "{}");
        assertThatThrownBy(() -> call(client, "sendCustomMessage", "{}")).isInstanceOf(QuotaExhaustedException.class);
        call(client, "createMenu", "{}");

        assertThat(call(client, "createMenu", "{}")).asString().contains("queued");
        assertThat(weChat.calls("/cgi-bin/message/custom/send")).hasSize(2);
        assertThat(weChat.calls("/cgi-bin/menu/create")).hasSize(1);
    }

    @Test
    void beanMethod_isGuardedForTheAccountItsArgumentNames() throws Exception {
        Object followers = bean("FollowerService");

        assertThat(call(followers, "listFollowers", APP_ID, "")).asString().contains("\"errcode\":0");
        // The account's first call binds its quota and asks WeChat in the background; until the answer the catalog's
        // limit stands.
        QuotaGuard guard = context.getBean(QuotaGuard.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> guard.snapshot(APP_ID, "/cgi-bin/user/get")
                .flatMap(QuotaSnapshot::lastSyncedAt).isPresent());
        assertThatThrownBy(() -> call(followers, "listFollowers", APP_ID, ""))
                .isInstanceOf(QuotaExhaustedException.class);
        assertThat(weChat.calls("/cgi-bin/user/get")).hasSize(1);
    }

    @Test
    void actuator_servesTheQuotasAndHealthDetailsTheOperationsSectionShows() throws Exception {
        JsonNode quotas = get("/actuator/wechatquota");
        JsonNode health = get("/actuator/health");

        assertThat(quotas.at("/apps/" + APP_ID + "/apis").has("/cgi-bin/message/custom/send")).isTrue();
        assertThat(health.at("/components/wechatQuota/details").has("store")).isTrue();
    }

    private Object bean(String simpleName) throws ClassNotFoundException {
        return context.getBean(loader.loadClass(PACKAGE + simpleName));
    }

    /** Calls a public method of a README class by name, rethrowing what it throws. */
    private static Object call(Object target, String method, Object... arguments) throws Exception {
        Class<?>[] types = new Class<?>[arguments.length];
        Arrays.fill(types, String.class);
        try {
            return target.getClass().getMethod(method, types).invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
