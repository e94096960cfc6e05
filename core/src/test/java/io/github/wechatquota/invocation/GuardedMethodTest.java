package io.github.wechatquota.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.engine.AppSettings;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A client kind the library does not know, guarded by writing only how to call it: a plain Java object whose methods
 * call the simulator over HTTP, at once, as a {@link CompletableFuture}, or as a {@link Mono}.
 */
class GuardedMethodTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String MENU_CREATE = "/cgi-bin/menu/create";

    /** The new client kind: methods annotated as any other. */
    public static class MenuClient {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI baseUri;
        private final String token;

        MenuClient(URI baseUri, String token) {
            this.baseUri = baseUri;
            this.token = token;
        }

        private HttpRequest request() {
            return HttpRequest.newBuilder(URI.create(baseUri + MENU_CREATE + "?access_token=" + token))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        }

        @WeChatApi(cgiPath = MENU_CREATE, dailyLimit = 2)
        public String create() throws Exception {
            return http.send(request(), HttpResponse.BodyHandlers.ofString()).body();
        }

        @WeChatApi(cgiPath = MENU_CREATE, dailyLimit = 2, onExhausted = QuotaPolicy.FALLBACK, fallbackMethod = "later")
        public CompletableFuture<String> createAsync() {
            return http.sendAsync(request(), HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
        }

        public CompletableFuture<String> later() {
            return CompletableFuture.completedFuture("queued");
        }

        @WeChatApi(cgiPath = MENU_CREATE, dailyLimit = 2)
        public Mono<String> createMono() {
            return Mono.fromFuture(() -> http.sendAsync(request(), HttpResponse.BodyHandlers.ofString()))
                    .map(HttpResponse::body);
        }
    }

    /** One call of the new kind: the object and the method's arguments. */
    record Call(MenuClient target, Method method, Object[] args) {
    }

    /** All an adapter writes: how to call. */
    private static final MethodInvoker<Call> REFLECTIVE = new MethodInvoker<>() {
        @Override
        public Object proceed(Call call) throws Throwable {
            try {
                return call.method().invoke(call.target(), call.args());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public Object[] arguments(Call call) {
            return call.args();
        }

        @Override
        public Object fallback(Call call, Method fallback, Object[] arguments) throws Throwable {
            return fallback.invoke(call.target(), arguments);
        }
    };

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private WeChatSimulator weChat;
    private QuotaGuard guard;
    private MenuClient client;

    @BeforeEach
    void start() {
        weChat = WeChatSimulator.builder().clock(clock)
                .account(APP_ID, "secret", io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT).start();
        guard = QuotaGuard.builder().apiBaseUrl(weChat.baseUri()).clock(clock)
                .app(AppSettings.of(APP_ID, AccountType.OFFICIAL_ACCOUNT))
                .accessTokenProvider(appId -> weChat.issueToken(appId))
                .safetyMargin(0).syncInterval(Duration.ZERO).syncOnFirstUse(false).build();
        client = new MenuClient(weChat.baseUri(), weChat.issueToken(APP_ID));
    }

    @AfterEach
    void stop() {
        guard.close();
        weChat.close();
    }

    private GuardedMethod<Call> guarded(String name) throws NoSuchMethodException {
        return MethodGuards.of(guard).guard(MenuClient.class.getMethod(name), REFLECTIVE).orElseThrow();
    }

    private Object invoke(GuardedMethod<Call> method) throws Throwable {
        return method.invoke(new Call(client, method.method(), new Object[0]));
    }

    @Test
    void resultThereAtOnce_isCountedWhenTheMethodReturns() throws Throwable {
        GuardedMethod<Call> create = guarded("create");
        invoke(create);
        invoke(create);

        assertThatThrownBy(() -> invoke(create)).isInstanceOf(QuotaExhaustedException.class);
        assertThat(weChat.calls(MENU_CREATE)).hasSize(2);
    }

    @Test
    void completableFuture_isGuardedWhenItCompletes_andFallsBackToAFutureToo() throws Throwable {
        GuardedMethod<Call> createAsync = guarded("createAsync");

        Object first = invoke(createAsync);
        assertThat(first).isInstanceOf(CompletableFuture.class);
        assertThat(((CompletableFuture<?>) first).join()).asString().contains("\"errcode\":0");
        ((CompletableFuture<?>) invoke(createAsync)).join();
        Object third = ((CompletableFuture<?>) invoke(createAsync)).join();

        assertThat(third).isEqualTo("queued");
        assertThat(weChat.calls(MENU_CREATE)).hasSize(2);
    }

    @Test
    void weChat45009_inAFutureResult_drainsTheQuota() throws Throwable {
        weChat.setDailyLimit(APP_ID, MENU_CREATE, 1);
        weChat.setUsed(APP_ID, MENU_CREATE, 1);
        GuardedMethod<Call> createAsync = guarded("createAsync");

        Object result = ((CompletableFuture<?>) invoke(createAsync)).join();

        assertThat(result).as("45009 went to the FALLBACK policy").isEqualTo("queued");
        assertThat(guard.snapshot(APP_ID, MENU_CREATE).orElseThrow().remaining().orElseThrow()).isZero();
    }

    @Test
    void mono_isGuardedOnEachSubscription_notWhenMade() throws Throwable {
        GuardedMethod<Call> createMono = guarded("createMono");

        @SuppressWarnings("unchecked")
        Mono<String> mono = (Mono<String>) invoke(createMono);
        assertThat(weChat.calls(MENU_CREATE)).isEmpty();
        assertThat(mono.block()).contains("\"errcode\":0");
        assertThat(mono.block()).contains("\"errcode\":0");

        assertThatThrownBy(mono::block).isInstanceOf(QuotaExhaustedException.class);
        assertThat(weChat.calls(MENU_CREATE)).hasSize(2);
    }

    @Test
    void methodWithoutTheAnnotation_isNotGuarded() throws NoSuchMethodException {
        assertThat(MethodGuards.of(guard).guard(MenuClient.class.getMethod("later"), REFLECTIVE)).isEmpty();
    }
}
