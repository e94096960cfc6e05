package io.github.wechatquota.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.wechatquota.WeChatApiException;
import io.github.wechatquota.WeChatQuotaException;
import io.github.wechatquota.simulator.Fault;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** No usable answer from WeChat: each way gives a WeChatQuotaException that says what happened, and no credential. */
class WeChatAdminClientFailureTest extends SimulatedWeChat {

    private static final String QUOTA_GET = "/cgi-bin/openapi/quota/get";

    @Test
    void getApiQuota_withMalformedJsonReply_throwsNamingOperationAndBody() {
        simulator.faults().next(QUOTA_GET, Fault.MALFORMED_JSON, 1);

        assertThatThrownBy(() -> client.getApiQuota(token, MENU_CREATE))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessage("getApiQuota for /cgi-bin/menu/create: WeChat's reply was malformed (not JSON): "
                        + "{\"errcode\":0,\"errmsg\":\"ok\",")
                .hasNoCause();
    }

    @Test
    void getApiQuota_withEmptyReply_throwsSayingEmpty() {
        simulator.faults().next(QUOTA_GET, Fault.EMPTY_BODY, 1);

        assertThatThrownBy(() -> client.getApiQuota(token, MENU_CREATE))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessage("getApiQuota for /cgi-bin/menu/create: WeChat's reply was empty (HTTP 200)");
    }

    @Test
    void getApiQuota_withHttp500_throwsNamingStatus() {
        simulator.faults().next(QUOTA_GET, Fault.HTTP_500, 1);

        assertThatThrownBy(() -> client.getApiQuota(token, MENU_CREATE))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessageStartingWith("getApiQuota for /cgi-bin/menu/create: WeChat answered HTTP 500")
                .hasMessageContaining("<html><body>500 Internal Server Error</body></html>")
                .hasNoCause();
    }

    @Test
    void getApiQuota_whenWeChatHangs_timesOutNamingReadTimeoutAndHost() {
        WeChatAdminClient impatient = WeChatAdminClient.builder()
                .baseUrl(simulator.baseUri()).readTimeout(Duration.ofMillis(300)).build();
        simulator.faults().hangTime(Duration.ofSeconds(5)).next(QUOTA_GET, Fault.HANG, 1);

        assertThatThrownBy(() -> impatient.getApiQuota(token, MENU_CREATE))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessage("getApiQuota for /cgi-bin/menu/create timed out after 300ms talking to 127.0.0.1:"
                        + simulator.port())
                .hasCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void getApiQuota_whenNothingListens_throwsNamingHost() {
        URI gone = stoppedSimulator();
        WeChatAdminClient client = WeChatAdminClient.builder().baseUrl(gone).build();

        assertThatThrownBy(() -> client.getApiQuota(token, MENU_CREATE))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessageStartingWith("getApiQuota for /cgi-bin/menu/create could not connect to "
                        + gone.getHost() + ":" + gone.getPort())
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void getApiQuota_whenSystemBusy_throwsMinusOne() {
        simulator.faults().next(QUOTA_GET, Fault.SYSTEM_BUSY, 1);

        assertThatThrownBy(() -> client.getApiQuota(token, MENU_CREATE))
                .isInstanceOfSatisfying(WeChatApiException.class,
                        e -> assertThat(Errcodes.isSystemBusy(e.getErrcode())).isTrue());
    }

    @Test
    void getApiQuota_afterFault_makesExactlyOneCall() {
        simulator.faults().next(QUOTA_GET, Fault.HTTP_500, 1);

        catchThrowable(() -> client.getApiQuota(token, MENU_CREATE));

        assertThat(simulator.calls(QUOTA_GET)).hasSize(1);
    }

    @Test
    void clearQuota_withEmptyReply_throwsNamingAppid() {
        simulator.faults().next("/cgi-bin/clear_quota", Fault.EMPTY_BODY, 1);

        assertThatThrownBy(() -> client.clearQuota(token, APP_ID))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessage("clearQuota for appid " + APP_ID + ": WeChat's reply was empty (HTTP 200)");
    }

    // ---- credentials stay out of every failure -----------------------------------------------------------------

    /** Every way a call can fail without WeChat refusing it, plus a refusal. */
    enum Failure {
        MALFORMED_JSON, EMPTY_BODY, HTTP_500, HANG, SYSTEM_BUSY, NO_PERMISSION, CONNECTION_REFUSED
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void tokenCalls_onEveryFailure_neverShowTheToken(Failure failure) {
        WeChatAdminClient client = clientFor(failure);

        List<Throwable> thrown = new ArrayList<>();
        thrown.add(catchThrowable(() -> {
            arm(failure, QUOTA_GET);
            client.getApiQuota(token, failure == Failure.NO_PERMISSION ? "/sns/userinfo" : MENU_CREATE);
        }));
        thrown.add(catchThrowable(() -> {
            arm(failure, "/cgi-bin/clear_quota");
            client.clearQuota(token, failure == Failure.NO_PERMISSION ? "wx9999999999999999" : APP_ID);
        }));
        thrown.add(catchThrowable(() -> {
            arm(failure, "/cgi-bin/openapi/rid/get");
            client.getRidInfo(token, "00000000-00000000-00000000");
        }));

        assertThat(thrown).allSatisfy(isWeChatQuotaExceptionWithout(token));
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void secretCalls_onEveryFailure_neverShowTheSecret(Failure failure) {
        WeChatAdminClient client = clientFor(failure);

        List<Throwable> thrown = new ArrayList<>();
        thrown.add(catchThrowable(() -> {
            arm(failure, "/cgi-bin/clear_quota/v2");
            client.clearQuotaWithSecret(failure == Failure.NO_PERMISSION ? "wx9999999999999999" : APP_ID, SECRET);
        }));
        thrown.add(catchThrowable(() -> {
            arm(failure, "/cgi-bin/stable_token");
            client.getStableToken(failure == Failure.NO_PERMISSION ? "wx9999999999999999" : APP_ID, SECRET, false);
        }));

        assertThat(thrown).allSatisfy(isWeChatQuotaExceptionWithout(SECRET));
    }

    private WeChatAdminClient clientFor(Failure failure) {
        WeChatAdminClient.Builder builder = WeChatAdminClient.builder().readTimeout(Duration.ofMillis(300));
        simulator.faults().hangTime(Duration.ofSeconds(5));
        return builder.baseUrl(failure == Failure.CONNECTION_REFUSED ? stoppedSimulator() : simulator.baseUri())
                .build();
    }

    private void arm(Failure failure, String path) {
        switch (failure) {
            case MALFORMED_JSON -> simulator.faults().next(path, Fault.MALFORMED_JSON, 1);
            case EMPTY_BODY -> simulator.faults().next(path, Fault.EMPTY_BODY, 1);
            case HTTP_500 -> simulator.faults().next(path, Fault.HTTP_500, 1);
            case HANG -> simulator.faults().next(path, Fault.HANG, 1);
            case SYSTEM_BUSY -> simulator.faults().next(path, Fault.SYSTEM_BUSY, 1);
            case NO_PERMISSION, CONNECTION_REFUSED -> {
                // WeChat's own refusal, or nobody to ask
            }
        }
    }

    private static Consumer<Throwable> isWeChatQuotaExceptionWithout(String credential) {
        return thrown -> {
            assertThat(thrown).isInstanceOf(WeChatQuotaException.class);
            for (Throwable t : chain(thrown)) {
                assertThat(t.getMessage()).as("message of %s", t.getClass()).doesNotContain(credential);
                assertThat(t.toString()).doesNotContain(credential);
            }
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(credential);
        };
    }

    /** The throwable, its causes and suppressed exceptions, each once. */
    private static List<Throwable> chain(Throwable root) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> all = new ArrayList<>();
        List<Throwable> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(pending.size() - 1);
            if (t != null && seen.add(t)) {
                all.add(t);
                pending.add(t.getCause());
                pending.addAll(List.of(t.getSuppressed()));
            }
        }
        return all;
    }

    /** The address of a simulator that has stopped: connections to it are refused. */
    private static URI stoppedSimulator() {
        WeChatSimulator gone = WeChatSimulator.builder().start();
        URI address = gone.baseUri();
        gone.close();
        return address;
    }
}
