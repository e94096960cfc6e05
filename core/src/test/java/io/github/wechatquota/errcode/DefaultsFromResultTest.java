package io.github.wechatquota.errcode;

import static io.github.wechatquota.errcode.ErrcodeExtractor.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request;
import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultsFromResultTest {

    private static final String QUOTA_REPLY =
            "{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit rid: 1\"}";

    private final ErrcodeExtractor extractor = ErrcodeExtractor.defaults();
    private final ObjectMapper mapper = new ObjectMapper();

    // ---- shapes of results ----

    /** A WeChat reply as a record, the way users model it. */
    public record Reply(int errcode, String errmsg) {
    }

    /** Cloud-call form, {@code errCode}. */
    public record CloudReply(Integer errCode, String errMsg) {
    }

    /** A private record: its class is not public, its accessor is. */
    private record HiddenReply(int errcode) {
    }

    public static class BeanReply {
        public int getErrcode() {
            return 40001;
        }
    }

    public static class CamelBeanReply {
        public Long getErrCode() {
            return 42001L;
        }
    }

    public static class FieldReply {
        public int errcode = 45011;
    }

    public static class TextReply {
        public String getErrcode() {
            return "-1";
        }
    }

    public static class NullReply {
        public Integer getErrcode() {
            return null;
        }
    }

    public static class HugeReply {
        public long getErrcode() {
            return 1L << 40;
        }
    }

    public static class ThrowingReply {
        public int getErrcode() {
            throw new IllegalStateException("not loaded");
        }
    }

    public static class StaticOnlyReply {
        public static int getErrcode() {
            return 1;
        }
    }

    public static class PrivateGetterReply {
        @SuppressWarnings("unused")
        private int getErrcode() {
            return 1;
        }
    }

    public static class NoErrcode {
        public String getErrmsg() {
            return "ok";
        }
    }

    public static class StreamingReply extends InputStream {
        public int getErrcode() {
            return 45009;
        }

        @Override
        public int read() {
            throw new AssertionError("a result stream must not be read");
        }
    }

    @Test
    void fromResult_null_returnsNone() {
        assertThat(extractor.fromResult(null)).isEqualTo(NONE);
    }

    @Test
    void fromResult_recordWithErrcodeAccessor_returnsIt() {
        assertThat(extractor.fromResult(new Reply(45009, "quota"))).isEqualTo(45009);
    }

    @Test
    void fromResult_recordWithZeroErrcode_returnsZeroNotNone() {
        assertThat(extractor.fromResult(new Reply(0, "ok"))).isZero();
    }

    @Test
    void fromResult_recordWithErrCodeAccessor_returnsIt() {
        assertThat(extractor.fromResult(new CloudReply(45011, "minute"))).isEqualTo(45011);
    }

    @Test
    void fromResult_privateRecord_returnsItsErrcode() {
        assertThat(extractor.fromResult(new HiddenReply(40014))).isEqualTo(40014);
    }

    @Test
    void fromResult_beanWithGetErrcode_returnsIt() {
        assertThat(extractor.fromResult(new BeanReply())).isEqualTo(40001);
    }

    @Test
    void fromResult_beanWithLongGetErrCode_returnsIt() {
        assertThat(extractor.fromResult(new CamelBeanReply())).isEqualTo(42001);
    }

    @Test
    void fromResult_publicErrcodeField_returnsIt() {
        assertThat(extractor.fromResult(new FieldReply())).isEqualTo(45011);
    }

    @Test
    void fromResult_numericStringAccessor_returnsIt() {
        assertThat(extractor.fromResult(new TextReply())).isEqualTo(-1);
    }

    @Test
    void fromResult_accessorReturningNull_returnsNone() {
        assertThat(extractor.fromResult(new NullReply())).isEqualTo(NONE);
    }

    @Test
    void fromResult_accessorOutsideIntRange_returnsNone() {
        assertThat(extractor.fromResult(new HugeReply())).isEqualTo(NONE);
    }

    @Test
    void fromResult_accessorThatThrows_returnsNone() {
        assertThat(extractor.fromResult(new ThrowingReply())).isEqualTo(NONE);
    }

    @Test
    void fromResult_staticOrPrivateGetter_isNotAnAccessor() {
        assertThat(extractor.fromResult(new StaticOnlyReply())).isEqualTo(NONE);
        assertThat(extractor.fromResult(new PrivateGetterReply())).isEqualTo(NONE);
    }

    @Test
    void fromResult_objectWithoutAccessor_returnsNone() {
        assertThat(extractor.fromResult(new NoErrcode())).isEqualTo(NONE);
    }

    @Test
    void fromResult_jsonNodeWithNumericErrcode_returnsIt() throws IOException {
        assertThat(extractor.fromResult(mapper.readTree(QUOTA_REPLY))).isEqualTo(45009);
    }

    @Test
    void fromResult_jsonNodeWithTextErrcode_returnsIt() throws IOException {
        assertThat(extractor.fromResult(mapper.readTree("{\"errcode\":\"45011\"}"))).isEqualTo(45011);
    }

    @Test
    void fromResult_jsonNodeWithErrCodeField_returnsIt() throws IOException {
        assertThat(extractor.fromResult(mapper.readTree("{\"errCode\":-1,\"errMsg\":\"busy\"}"))).isEqualTo(-1);
    }

    @Test
    void fromResult_jsonNodeWithoutErrcode_returnsNone() throws IOException {
        assertThat(extractor.fromResult(mapper.readTree("{\"quota_num\":210}"))).isEqualTo(NONE);
    }

    @Test
    void fromResult_jsonNodeWithNonNumericErrcode_returnsNone() throws IOException {
        assertThat(extractor.fromResult(mapper.readTree("{\"errcode\":\"busy\"}"))).isEqualTo(NONE);
    }

    @Test
    void fromResult_mapWithIntegerErrcode_returnsIt() {
        assertThat(extractor.fromResult(Map.of("errcode", 45009, "errmsg", "quota"))).isEqualTo(45009);
    }

    @Test
    void fromResult_mapWithStringErrCode_returnsIt() {
        assertThat(extractor.fromResult(Map.of("errCode", "40001"))).isEqualTo(40001);
    }

    @Test
    void fromResult_mapWithWholeDoubleErrcode_returnsIt() {
        Map<String, Object> gsonStyle = new HashMap<>();
        gsonStyle.put("errcode", 45009.0);

        assertThat(extractor.fromResult(gsonStyle)).isEqualTo(45009);
    }

    @Test
    void fromResult_mapWithFractionalErrcode_returnsNone() {
        assertThat(extractor.fromResult(Map.of("errcode", new BigDecimal("45009.5")))).isEqualTo(NONE);
    }

    @Test
    void fromResult_mapWithoutErrcode_returnsNone() {
        assertThat(extractor.fromResult(Map.of("quota_num", 210))).isEqualTo(NONE);
    }

    @Test
    void fromResult_mapWithIntegerKeys_returnsNone() {
        assertThat(extractor.fromResult(new java.util.TreeMap<>(Map.of(1, 45009)))).isEqualTo(NONE);
    }

    @Test
    void fromResult_jsonString_returnsErrcode() {
        assertThat(extractor.fromResult(QUOTA_REPLY)).isEqualTo(45009);
    }

    @Test
    void fromResult_prettyPrintedJsonString_returnsErrcode() {
        assertThat(extractor.fromResult("\n  {\n    \"errmsg\" : \"ok\",\n    \"errcode\" : 0\n  }")).isZero();
    }

    @Test
    void fromResult_jsonStringWithQuotedNumber_returnsErrcode() {
        assertThat(extractor.fromResult("{\"errcode\":\"45011\"}")).isEqualTo(45011);
    }

    @Test
    void fromResult_jsonStringWithErrCodeKey_returnsErrcode() {
        assertThat(extractor.fromResult("{\"errCode\":40013,\"errMsg\":\"invalid appid\"}")).isEqualTo(40013);
    }

    @Test
    void fromResult_stringBuilderHoldingJson_returnsErrcode() {
        assertThat(extractor.fromResult(new StringBuilder(QUOTA_REPLY))).isEqualTo(45009);
    }

    @Test
    void fromResult_utf8BytesHoldingJson_returnsErrcode() {
        byte[] body = "{\"errmsg\":\"频率超限\",\"errcode\":45009}".getBytes(StandardCharsets.UTF_8);

        assertThat(extractor.fromResult(body)).isEqualTo(45009);
    }

    @Test
    void fromResult_utf8BytesWithByteOrderMark_returnsErrcode() {
        byte[] json = "{\"errcode\":-1}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[json.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(json, 0, body, 3, json.length);

        assertThat(extractor.fromResult(body)).isEqualTo(-1);
    }

    @Test
    void fromResult_escapedErrcodeInsideAStringValue_isSkipped() {
        assertThat(extractor.fromResult("{\"errmsg\":\"{\\\"errcode\\\":1}\",\"errcode\":45009}")).isEqualTo(45009);
    }

    @Test
    void fromResult_leadingErrcodeWithoutAnInteger_readsTheNextOne() {
        assertThat(extractor.fromResult("{\"errcode\":null,\"data\":{\"errcode\":45009}}")).isEqualTo(45009);
    }

    @Test
    void fromResult_leadingErrcodeWithSpaceBeforeItsValue_returnsIt() {
        assertThat(extractor.fromResult("{\"errcode\": \t45011,\"errmsg\":\"minute limit\"}")).isEqualTo(45011);
    }

    @Test
    void fromResult_jsonWithoutErrcode_returnsNone() {
        assertThat(extractor.fromResult("{\"access_token\":\"T\",\"expires_in\":7200}")).isEqualTo(NONE);
    }

    @Test
    void fromResult_jsonWithNonNumericErrcode_returnsNone() {
        assertThat(extractor.fromResult("{\"errcode\":null}")).isEqualTo(NONE);
    }

    @Test
    void fromResult_jsonWithErrcodeOutsideIntRange_returnsNone() {
        assertThat(extractor.fromResult("{\"errcode\":99999999999}")).isEqualTo(NONE);
    }

    @Test
    void fromResult_textThatIsNotJson_returnsNone() {
        assertThat(extractor.fromResult("errcode: 45009")).isEqualTo(NONE);
        assertThat(extractor.fromResult("")).isEqualTo(NONE);
    }

    @Test
    void fromResult_ordinaryValues_returnNone() {
        assertThat(extractor.fromResult(45009)).isEqualTo(NONE);
        assertThat(extractor.fromResult(45009L)).isEqualTo(NONE);
        assertThat(extractor.fromResult(Boolean.TRUE)).isEqualTo(NONE);
        assertThat(extractor.fromResult(List.of(45009))).isEqualTo(NONE);
        assertThat(extractor.fromResult(Optional.of(new Reply(45009, "")))).isEqualTo(NONE);
        assertThat(extractor.fromResult(new int[] {45009})).isEqualTo(NONE);
        assertThat(extractor.fromResult(new Object())).isEqualTo(NONE);
    }

    @Test
    void fromResult_inputStreamHoldingJson_isNotRead() {
        ByteArrayInputStream body = new ByteArrayInputStream(QUOTA_REPLY.getBytes(StandardCharsets.UTF_8));

        assertThat(extractor.fromResult(body)).isEqualTo(NONE);
        assertThat(body.available()).isEqualTo(QUOTA_REPLY.length());
    }

    @Test
    void fromResult_closeableWithErrcodeAccessor_isNotTouched() {
        assertThat(extractor.fromResult(new StreamingReply())).isEqualTo(NONE);
    }

    @Test
    void fromResult_feignResponse_bodyIsNotRead() {
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("a feign.Response body must not be read");
            }
        };
        Response response = Response.builder()
                .status(200)
                .request(Request.create(Request.HttpMethod.POST, "https://api.weixin.qq.com/cgi-bin/menu/create",
                        Map.of(), null, StandardCharsets.UTF_8, null))
                .body(unreadable, null)
                .build();

        assertThat(extractor.fromResult(response)).isEqualTo(NONE);
    }

    @Test
    void fromResult_sameClassTwice_givesSameAnswer() {
        assertThat(extractor.fromResult(new Reply(45009, ""))).isEqualTo(45009);
        assertThat(extractor.fromResult(new Reply(-1, ""))).isEqualTo(-1);
    }
}
