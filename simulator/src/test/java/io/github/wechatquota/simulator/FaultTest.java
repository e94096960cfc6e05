package io.github.wechatquota.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultTest extends SimulatorTestSupport {

    @Test
    void systemBusy_answersMinusOne() {
        String token = http.accessToken();
        simulator.faults().next(Fault.SYSTEM_BUSY);

        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isEqualTo(-1);
        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isZero();
    }

    @Test
    void faultedCall_isNotCounted() {
        String token = http.accessToken();
        simulator.faults().next(Fault.SYSTEM_BUSY);

        http.call(MENU_CREATE, token, "{}");

        assertThat(simulator.quota(WeChatHttp.APP_ID, MENU_CREATE).used()).isZero();
    }

    @Test
    void http500_answersHtmlWithStatus500() throws Exception {
        simulator.faults().next(Fault.HTTP_500);

        HttpResponse<String> response = http.raw(MENU_CREATE, "{}", Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("500");
    }

    @Test
    void malformedJson_answersBrokenBody() throws Exception {
        simulator.faults().next(Fault.MALFORMED_JSON);

        HttpResponse<String> response = http.raw(MENU_CREATE, "{}", Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{").doesNotEndWith("}");
    }

    @Test
    void emptyBody_answersNothing() throws Exception {
        simulator.faults().next(Fault.EMPTY_BODY);

        HttpResponse<String> response = http.raw(MENU_CREATE, "{}", Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void hang_leavesTheClientToTimeOutAndServesTheNextCall() {
        simulator.faults().hangTime(Duration.ofSeconds(5)).next(Fault.HANG);

        assertThatThrownBy(() -> http.raw(MENU_CREATE, "{}", Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(http.token(WeChatHttp.APP_ID, WeChatHttp.SECRET).has("access_token")).isTrue();
    }

    @Test
    void scriptedFaultForOnePath_leavesOtherPathsAlone() {
        simulator.faults().next(MENU_CREATE, Fault.SYSTEM_BUSY, 2);
        String token = http.accessToken();

        assertThat(http.call(CUSTOM_SEND, token, "{}").get("errcode").asInt()).isZero();
        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isEqualTo(-1);
        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isEqualTo(-1);
        assertThat(http.call(MENU_CREATE, token, "{}").get("errcode").asInt()).isZero();
    }

    @Test
    void faultRate_ofOne_failsEveryCall() {
        String token = http.accessToken();
        simulator.faults().rate(Fault.SYSTEM_BUSY, 1.0);

        assertThat(http.call(CUSTOM_SEND, token, "{}").get("errcode").asInt()).isEqualTo(-1);
        simulator.faults().clear();
        assertThat(http.call(CUSTOM_SEND, token, "{}").get("errcode").asInt()).isZero();
    }

    @Test
    void faultRate_outsideZeroToOne_isRefused() {
        assertThatThrownBy(() -> simulator.faults().rate(Fault.HTTP_500, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }

    @Test
    void latency_delaysEveryAnswer() {
        simulator.setLatency(Duration.ofMillis(200));

        long started = System.nanoTime();
        http.accessToken();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void garbageOnTheSocket_doesNotStopTheServer() throws IOException {
        try (Socket socket = new Socket(simulator.baseUri().getHost(), simulator.port())) {
            socket.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        assertThat(http.token(WeChatHttp.APP_ID, WeChatHttp.SECRET).has("access_token")).isTrue();
    }
}
