package io.github.wechatquota.engine;

import io.github.wechatquota.catalog.AccountType;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A simulator with one official account, a clock at 10:00 China time, and a guard pointed at both. Sleeping moves the
 * clock instead of the thread, so WAIT and backoff take no real time.
 */
abstract class EngineTestSupport {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String APP_ID = "wx0123456789abcdef";
    static final String SECRET = "engine-test-secret-7f3a";
    static final String CUSTOM_SEND = "/cgi-bin/message/custom/send";
    static final String MENU_CREATE = "/cgi-bin/menu/create";

    final MutableClock clock = MutableClock.at(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, CHINA).toInstant(), CHINA);
    final List<Duration> sleeps = java.util.Collections.synchronizedList(new ArrayList<>());
    final Sleeper clockSleeper = duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    };
    WeChatSimulator weChat;
    QuotaGuard guard;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startSimulator() {
        weChat = WeChatSimulator.builder().clock(clock).account(APP_ID, SECRET,
                io.github.wechatquota.simulator.AccountType.OFFICIAL_ACCOUNT).start();
    }

    @AfterEach
    void stopAll() {
        if (guard != null) {
            guard.close();
        }
        weChat.close();
    }

    /** A builder for a guard on the simulator: no periodic or first-use sync, no margin, backoff without sleep. */
    QuotaGuardBuilder guardBuilder() {
        return QuotaGuard.builder()
                .apiBaseUrl(weChat.baseUri())
                .clock(clock)
                .app(AppSettings.builder(APP_ID, AccountType.OFFICIAL_ACCOUNT).secret(SECRET).build())
                .safetyMargin(0)
                .syncInterval(Duration.ZERO)
                .syncOnFirstUse(false)
                .retry(3, Duration.ofMillis(100))
                .sleeper(clockSleeper);
    }

    QuotaGuard startGuard(QuotaGuardBuilder builder) {
        guard = builder.build();
        return guard;
    }

    /** Calls a business API of the simulator over HTTP with a fresh token; returns the raw reply. */
    String callWeChat(String cgiPath) {
        return post(cgiPath + "?access_token=" + weChat.issueToken(APP_ID), "{}");
    }

    String post(String pathAndQuery, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(weChat.baseUri() + pathAndQuery))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long reachedWeChat(String cgiPath) {
        return weChat.calls(cgiPath).size();
    }
}
