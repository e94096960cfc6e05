package io.github.wechatquota.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import feign.Feign;
import feign.FeignException;
import feign.RequestLine;
import feign.RetryableException;
import feign.Retryer;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.Fault;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.token.AccessTokenProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feign's exceptions print the request URL; through a guarded client they never print the access token. */
class TokenFreeExceptionsTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "TOKEN-4f1e9a77c2d3-SHOULD-NEVER-BE-SHOWN";

    interface WeChatClient {
        @RequestLine("POST /cgi-bin/menu/create")
        @WeChatApi(cgiPath = "/cgi-bin/menu/create")
        String createMenu(String json);

        @RequestLine("GET /cgi-bin/menu/get")
        String unguarded();
    }

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final AccessTokenProvider tokens = appId -> TOKEN;
    private WeChatSimulator weChat;
    private QuotaGuard guard;

    @BeforeEach
    void start() {
        weChat = WeChatSimulator.builder().clock(clock)
                .account(APP_ID, "secret", io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT)
                .start();
        guard = QuotaGuard.builder()
                .apiBaseUrl(weChat.baseUri())
                .clock(clock)
                .app(AppSettings.of(APP_ID, AccountType.OFFICIAL_ACCOUNT))
                .accessTokenProvider(tokens)
                .syncInterval(Duration.ZERO)
                .syncOnFirstUse(false)
                .build();
    }

    @AfterEach
    void stop() {
        guard.close();
        weChat.close();
    }

    private WeChatClient client(String baseUrl) {
        return Feign.builder()
                .addCapability(new WeChatQuotaCapability(guard))
                .requestInterceptor(new AccessTokenInterceptor(guard.accessTokens(), APP_ID))
                .retryer(Retryer.NEVER_RETRY)
                .target(WeChatClient.class, baseUrl);
    }

    private static String printed(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void httpErrorOfAGuardedCall_keepsItsTypeAndStatus_withoutTheToken() {
        weChat.faults().next("/cgi-bin/menu/create", Fault.HTTP_500, 1);

        Throwable thrown = catchThrowable(() -> client(weChat.baseUri().toString()).createMenu("{}"));

        assertThat(thrown).isInstanceOf(FeignException.InternalServerError.class);
        assertThat(((FeignException) thrown).status()).isEqualTo(500);
        assertThat(thrown.getMessage()).contains("/cgi-bin/menu/create").contains("access_token=***");
        assertThat(printed(thrown)).doesNotContain(TOKEN);
        assertThat(((FeignException) thrown).request().url()).doesNotContain(TOKEN);
    }

    @Test
    void connectionRefused_isStillRetryable_withoutTheToken() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Throwable thrown = catchThrowable(() -> client("http://127.0.0.1:" + closedPort).createMenu("{}"));

        assertThat(thrown).isInstanceOf(RetryableException.class);
        assertThat(printed(thrown)).doesNotContain(TOKEN).contains("access_token=***");
    }

    @Test
    void unguardedMethodOfAGuardedClient_isRedactedToo() {
        weChat.faults().next("/cgi-bin/menu/get", Fault.HTTP_500, 1);

        Throwable thrown = catchThrowable(() -> client(weChat.baseUri().toString()).unguarded());

        assertThat(thrown).isInstanceOf(FeignException.class);
        assertThat(printed(thrown)).doesNotContain(TOKEN);
    }

    @Test
    void exceptionWithoutCredentials_isRethrownAsItIs() {
        feign.Request request = feign.Request.create(feign.Request.HttpMethod.GET, "http://127.0.0.1/cgi-bin/menu/get",
                Map.of(), null, java.nio.charset.StandardCharsets.UTF_8, null);
        FeignException plain = new FeignException.BadRequest("no token here", request, null, Map.of());

        assertThat(TokenFreeExceptions.redact(plain)).isSameAs(plain);
    }
}
