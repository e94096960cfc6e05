package io.github.wechatquota.spring.httpservice;

import static io.github.wechatquota.spring.httpservice.HttpServiceClientApplication.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.RecordedCall;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * An HTTP service client backed by WebClient, its {@code @WeChatApi} methods returning {@code Mono} and
 * {@code CompletableFuture}, proxied by {@code HttpServiceProxyFactory} in a {@code @Bean}: a {@code Mono} is guarded
 * when subscribed, once per subscription, and a future when the method is called; both are counted, and WeChat's
 * errcode read, when the reply arrives.
 */
@SpringBootTest(classes = HttpServiceClientApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(WebClientProxyConfiguration.class)
@ActiveProfiles("it")
class WebClientHttpServiceClientTest {

    static final WeChatSimulator WECHAT = HttpServiceClientContract.startWeChat();
    static final Duration REPLY = Duration.ofSeconds(10);
    static final String MASS_SEND_ALL = "/cgi-bin/message/mass/sendall";
    static final String MASS_SEND = "/cgi-bin/message/mass/send";
    static final String UPLOAD_NEWS = "/cgi-bin/media/uploadnews";
    static final String MASS_DELETE = "/cgi-bin/message/mass/delete";
    static final String GROUP_UPDATE = "/cgi-bin/groups/update";
    static final String REMARK = "/cgi-bin/user/info/updateremark";
    static final String MOVE_TO_GROUP = "/cgi-bin/groups/members/update";

    @Autowired
    WeChatReactiveClient client;
    @Autowired
    QuotaGuard guard;

    @DynamicPropertySource
    static void weChat(DynamicPropertyRegistry registry) {
        HttpServiceClientContract.useWeChat(registry, WECHAT);
    }

    @AfterAll
    static void stopWeChat() {
        WECHAT.close();
    }

    @Test
    void mono_notSubscribed_callsNoWeChatAndTakesNoPermit() {
        long before = remaining(MASS_SEND_ALL);

        client.massSendAll("{}");

        assertThat(WECHAT.calls(MASS_SEND_ALL)).isEmpty();
        assertThat(remaining(MASS_SEND_ALL)).isEqualTo(before);
    }

    @Test
    void mono_eachSubscription_takesOnePermitAndCallsWeChatOnce() {
        Mono<String> send = client.massSend("{}");

        assertThat(send.block(REPLY)).contains("\"errcode\":0");
        assertThat(send.block(REPLY)).contains("\"errcode\":0");
        assertThat(WECHAT.successfulCalls(APP_ID, MASS_SEND)).isEqualTo(2);
        assertThat(remaining(MASS_SEND)).isZero();
    }

    @Test
    void mono_quotaUsedUp_errorsWithQuotaExhaustedExceptionWithoutCallingWeChat() {
        client.uploadNews("{}").block(REPLY);

        Mono<String> refused = client.uploadNews("{}");

        assertThatThrownBy(() -> refused.block(REPLY)).isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining(UPLOAD_NEWS);
        assertThat(WECHAT.calls(UPLOAD_NEWS)).hasSize(1);
    }

    @Test
    void mono_weChat45009InTheReply_drainsTheQuotaAndErrors() {
        WECHAT.setUsed(APP_ID, MASS_DELETE, WECHAT.quota(APP_ID, MASS_DELETE).dailyLimit());

        assertThatThrownBy(() -> client.deleteMassMessage("{}").block(REPLY))
                .isInstanceOf(QuotaExhaustedException.class).hasMessageContaining(MASS_DELETE);
        assertThat(WECHAT.calls(MASS_DELETE)).singleElement().extracting(RecordedCall::errcode).isEqualTo(45009);
        assertThat(remaining(MASS_DELETE)).isZero();
    }

    @Test
    void mono_quotaUsedUp_fallsBackToTheDefaultMethodsMono() {
        assertThat(client.updateGroup("{}").block(REPLY)).contains("\"errcode\":0");

        assertThat(client.updateGroup("{}").block(REPLY)).isEqualTo("group update queued");
        assertThat(WECHAT.calls(GROUP_UPDATE)).hasSize(1);
    }

    @Test
    void completableFuture_isHeldToItsLimitAndEachCallCountedOnce() throws Exception {
        assertThat(client.updateRemark("{}").get()).contains("\"errcode\":0");
        assertThat(client.updateRemark("{}").get()).contains("\"errcode\":0");

        CompletableFuture<String> third = client.updateRemark("{}");

        assertThat(third).failsWithin(REPLY).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(QuotaExhaustedException.class);
        assertThat(WECHAT.calls(REMARK)).hasSize(2);
        assertThat(remaining(REMARK)).isZero();
    }

    @Test
    void completableFuture_weChat45009InTheReply_drainsTheQuotaAndFails() {
        WECHAT.setUsed(APP_ID, MOVE_TO_GROUP, WECHAT.quota(APP_ID, MOVE_TO_GROUP).dailyLimit());

        assertThat(client.moveToGroup("{}")).failsWithin(REPLY).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(QuotaExhaustedException.class);
        assertThat(WECHAT.calls(MOVE_TO_GROUP)).singleElement().extracting(RecordedCall::errcode).isEqualTo(45009);
        assertThat(remaining(MOVE_TO_GROUP)).isZero();
    }

    private long remaining(String cgiPath) {
        return guard.snapshot(APP_ID, cgiPath).orElseThrow().remaining().orElseThrow();
    }
}
