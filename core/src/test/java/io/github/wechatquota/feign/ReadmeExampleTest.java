package io.github.wechatquota.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Feign;
import feign.Headers;
import feign.RequestLine;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's plain-Java example, compiled and run here against the simulator; the README must show it as is. */
class ReadmeExampleTest {

    private static final Path SOURCE = Path.of("src/test/java/io/github/wechatquota/feign/ReadmeExampleTest.java");
    private static final Path README = Path.of("../README.md");

    // README:plain-java:start
    interface WeChatClient {
        @RequestLine("POST /cgi-bin/message/custom/send")
        @Headers("Content-Type: application/json")
        @WeChatApi(cgiPath = "/cgi-bin/message/custom/send", dailyLimit = 2)
        String sendCustomMessage(String json);
    }

    static WeChatClient guardedClient(URI baseUrl, String secret) {
        QuotaGuard guard = QuotaGuard.builder()
                .apiBaseUrl(baseUrl)
                .app(AppSettings.builder("wx0123456789abcdef", AccountType.OFFICIAL_ACCOUNT).secret(secret).build())
                .build();

        WeChatClient client = Feign.builder()
                .addCapability(new WeChatQuotaCapability(guard))
                .requestInterceptor(new AccessTokenInterceptor(guard.accessTokens(), "wx0123456789abcdef"))
                .target(WeChatClient.class, baseUrl.toString());
        guard.syncNow().join(); // WeChat's own numbers before the first call
        return client;
    }
    // README:plain-java:end

    private WeChatSimulator weChat;

    @BeforeEach
    void start() {
        weChat = WeChatSimulator.builder()
                .account("wx0123456789abcdef", "readme-secret", io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT)
                .start();
    }

    @AfterEach
    void stop() {
        weChat.close();
    }

    @Test
    void example_sendsUntilTheLimitThenRejectsWithoutCallingWeChat() {
        WeChatClient client = guardedClient(weChat.baseUri(), "readme-secret");
        String message = "{\"touser\":\"OPENID\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}";

        assertThat(client.sendCustomMessage(message)).contains("\"errcode\":0");
        assertThat(client.sendCustomMessage(message)).contains("\"errcode\":0");
        assertThatThrownBy(() -> client.sendCustomMessage(message)).isInstanceOf(QuotaExhaustedException.class);
        assertThat(weChat.calls("/cgi-bin/message/custom/send")).hasSize(2);
    }

    @Test
    void readme_showsTheExampleAsCompiledHere() throws IOException {
        String source = Files.readString(SOURCE);
        String snippet = source.substring(source.indexOf("// README:plain-java:start") + 27,
                source.indexOf("    // README:plain-java:end"));
        String unindented = snippet.lines().map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .collect(Collectors.joining("\n"));

        assertThat(Files.readString(README)).contains(unindented);
    }
}
