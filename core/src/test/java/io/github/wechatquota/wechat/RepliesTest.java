package io.github.wechatquota.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatquota.WeChatApiException;
import io.github.wechatquota.WeChatQuotaException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reply forms the simulator does not send: cloud call's camelCase, odd but valid answers, and broken ones. */
class RepliesTest {

    private static final String TOKEN = "88_tokenABCDEFGHIJ0123456789";
    private final JsonCodec codec = new JsonCodec();
    private final Operation operation = Operation.of("getWaybillQuota for delivery_id YTO, biz_id xyz", TOKEN);

    private JsonNode json(String body) {
        return codec.parse(body, 200);
    }

    @Test
    void waybillQuota_cloudCallForm_answersQuotaNum() {
        JsonNode reply = json("{\"errCode\":0,\"errMsg\":\"openapi.logistics.getQuota:ok\",\"quotaNum\":210}");

        assertThat(Replies.waybillQuota(operation, reply)).isEqualTo(210);
    }

    @Test
    void waybillQuota_cloudCallFormWithoutErrCode_answersQuotaNum() {
        JsonNode reply = json("{\"errMsg\":\"openapi.logistics.getQuota:ok\",\"quotaNum\":210}");

        assertThat(Replies.waybillQuota(operation, reply)).isEqualTo(210);
    }

    @Test
    void waybillQuota_documentedFormWithoutErrcode_answersQuotaNum() {
        assertThat(Replies.waybillQuota(operation, json("{\"quota_num\":210}"))).isEqualTo(210);
    }

    @Test
    void waybillQuota_cloudCallError_throwsWithErrCode() {
        JsonNode reply = json("{\"errCode\":9300501,\"errMsg\":\"openapi.logistics.getQuota:fail delivery logic error\"}");

        assertThatThrownBy(() -> Replies.waybillQuota(operation, reply))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> {
                    assertThat(e.getErrcode()).isEqualTo(9300501);
                    assertThat(e.getErrmsg()).isEqualTo("openapi.logistics.getQuota:fail delivery logic error");
                });
    }

    @Test
    void waybillQuota_withoutQuotaNum_throwsMalformed() {
        assertThatThrownBy(() -> Replies.waybillQuota(operation, json("{\"errcode\":0,\"errmsg\":\"ok\"}")))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessage("getWaybillQuota for delivery_id YTO, biz_id xyz: WeChat's reply was malformed "
                        + "(no quota_num): {\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    @Test
    void waybillQuota_withQuotaNumAsText_answersIt() {
        assertThat(Replies.waybillQuota(operation, json("{\"quota_num\":\"210\"}"))).isEqualTo(210);
    }

    @Test
    void waybillQuota_withFractionalQuotaNum_throwsMalformed() {
        assertThatThrownBy(() -> Replies.waybillQuota(operation, json("{\"quota_num\":2.5}")))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessageContaining("quota_num is not a whole number");
    }

    @Test
    void apiQuota_cloudCallForm_answersEveryField() {
        JsonNode reply = json("{\"errCode\":0,\"errMsg\":\"openapi.openapi.getApiQuota:ok\","
                + "\"quota\":{\"dailyLimit\":2000,\"used\":3,\"remain\":1997},"
                + "\"rateLimit\":{\"callCount\":100,\"refreshSecond\":60},"
                + "\"componentRateLimit\":{\"callCount\":50,\"refreshSecond\":60}}");

        assertThat(Replies.apiQuota(operation, reply)).isEqualTo(new ApiQuota(2000, 3, 1997,
                Optional.of(new RateLimit(100, 60)), Optional.of(new RateLimit(50, 60))));
    }

    @Test
    void apiQuota_withoutQuotaBlock_throwsMalformed() {
        assertThatThrownBy(() -> Replies.apiQuota(operation, json("{\"errcode\":0,\"errmsg\":\"ok\"}")))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessageContaining("WeChat's reply was malformed (no quota object)");
    }

    @Test
    void apiQuota_withoutRemain_throwsMalformed() {
        JsonNode reply = json("{\"errcode\":0,\"quota\":{\"daily_limit\":10,\"used\":1}}");

        assertThatThrownBy(() -> Replies.apiQuota(operation, reply))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessageContaining("(no remain)");
    }

    @Test
    void apiQuota_withTextErrcode_throwsMalformed() {
        assertThatThrownBy(() -> Replies.apiQuota(operation, json("{\"errcode\":\"busy\"}")))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessageContaining("errcode is not a number");
    }

    @Test
    void apiQuota_errcodeWinsOverPayload_throwsApiException() {
        JsonNode reply = json("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit rid: x\","
                + "\"quota\":{\"daily_limit\":10,\"used\":10,\"remain\":0}}");

        assertThatThrownBy(() -> Replies.apiQuota(operation, reply))
                .isInstanceOfSatisfying(WeChatApiException.class,
                        e -> assertThat(Errcodes.isQuotaExceeded(e.getErrcode())).isTrue());
    }

    @Test
    void ok_cloudCallOkWithoutErrCode_succeeds() {
        Replies.ok(operation, json("{\"errMsg\":\"openapi.openapi.clearQuota:ok\"}"));
    }

    @Test
    void ok_withoutErrcodeOrOkMessage_throwsMalformed() {
        assertThatThrownBy(() -> Replies.ok(operation, json("{\"result\":true}")))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessageContaining("(no errcode)");
    }

    @Test
    void ridInfo_masksTheTokenWeChatEchoes() {
        JsonNode reply = json("{\"errcode\":0,\"errmsg\":\"ok\",\"request\":{\"invoke_time\":1635156704,"
                + "\"cost_in_ms\":30,\"request_url\":\"access_token=50_OldTokenXYZ&appid=wx1\","
                + "\"request_body\":\"{\\\"secret\\\":\\\"topsecret\\\"}\",\"response_body\":\"{}\","
                + "\"client_ip\":\"113.0.0.1\"}}");

        RidInfo info = Replies.ridInfo(operation, reply);

        assertThat(info).isEqualTo(new RidInfo(Instant.ofEpochSecond(1635156704), 30,
                "access_token=***&appid=wx1", "{\"secret\":\"***\"}", "{}", "113.0.0.1"));
        assertThat(info.toString()).doesNotContain("50_OldTokenXYZ", "topsecret");
    }

    @Test
    void stableToken_malformedReply_masksTheNewToken() {
        assertThatThrownBy(() -> Replies.stableToken(operation, json("{\"access_token\":\"89_NewToken\"}")))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessageContaining("(no expires_in)")
                .hasMessageNotContaining("89_NewToken");
    }

    @Test
    void stableToken_cloudCallForm_answersTokenAndExpiry() {
        StableToken token = Replies.stableToken(operation, json("{\"accessToken\":\"89_NewToken\",\"expiresIn\":7200}"));

        assertThat(token).isEqualTo(new StableToken("89_NewToken", Duration.ofSeconds(7200)));
    }

    @Test
    void apiException_echoingTheToken_masksIt() {
        JsonNode reply = json("{\"errcode\":40001,\"errmsg\":\"invalid credential " + TOKEN + "\"}");

        assertThatThrownBy(() -> Replies.apiQuota(operation, reply))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> {
                    assertThat(e.getErrmsg()).isEqualTo("invalid credential ***");
                    assertThat(e).hasMessageNotContaining(TOKEN);
                });
    }

    @Test
    void parse_jsonArray_throwsNotAnObject() {
        assertThatThrownBy(() -> codec.parse("[1,2]", 200))
                .isInstanceOfSatisfying(UnusableReplyException.class,
                        e -> assertThat(e.problem).isEqualTo("WeChat's reply was malformed (not a JSON object)"));
    }

    @Test
    void parse_trailingGarbage_throwsNotJson() {
        assertThatThrownBy(() -> codec.parse("{\"errcode\":0} <html>", 200))
                .isInstanceOfSatisfying(UnusableReplyException.class,
                        e -> assertThat(e.problem).isEqualTo("WeChat's reply was malformed (not JSON)"));
    }

    @Test
    void malformed_longReply_showsTwoHundredCharacters() {
        String longReply = "{\"errcode\":0,\"padding\":\"" + "x".repeat(1000) + "\"}";

        assertThatThrownBy(() -> Replies.apiQuota(operation, json(longReply)))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessageContaining("x".repeat(150))
                .hasMessageNotContaining("x".repeat(201))
                .hasMessageEndingWith("... (" + longReply.length() + " chars)");
    }

    @Test
    void malformed_replyWithEscapedCredentials_masksThem() {
        JsonNode reply = json("{\"errcode\":0,\"request\":{\"request_body\":"
                + "\"{\\\"secret\\\":\\\"topsecret\\\",\\\"access_token\\\":\\\"88_Old\\\"}\"}}");

        assertThatThrownBy(() -> Replies.ridInfo(operation, reply))
                .isExactlyInstanceOf(WeChatQuotaException.class)
                .hasMessageContaining("(no invoke_time)")
                .hasMessageContaining("secret\\\":\\\"***")
                .hasMessageNotContaining("topsecret")
                .hasMessageNotContaining("88_Old");
    }
}
