package io.github.wechatquota.wechat;

import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.MutableClock;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh simulator per test with one official account, a clock at 10:00 China time, and a client pointed at it. */
abstract class SimulatedWeChat {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String APP_ID = "wx0123456789abcdef";
    static final String SECRET = "s3cret-0123456789abcdef0123456789";
    static final String MENU_CREATE = "/cgi-bin/menu/create";
    static final String CUSTOM_SEND = "/cgi-bin/message/custom/send";

    final MutableClock clock = MutableClock.at(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, CHINA).toInstant(), CHINA);
    WeChatSimulator simulator;
    WeChatAdminClient client;
    String token;

    @BeforeEach
    void startSimulator() {
        simulator = WeChatSimulator.builder()
                .clock(clock)
                .account(APP_ID, SECRET, AccountType.OFFICIAL_ACCOUNT)
                .start();
        client = WeChatAdminClient.builder().baseUrl(simulator.baseUri()).build();
        token = simulator.issueToken(APP_ID);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    /** Calls a business API directly, as a service would, and answers the raw reply body. */
    String callBusinessApi(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + path + "?access_token=" + token))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
