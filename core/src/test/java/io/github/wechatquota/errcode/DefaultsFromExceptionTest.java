package io.github.wechatquota.errcode;

import static io.github.wechatquota.errcode.ErrcodeExtractor.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import feign.FeignException;
import feign.Request;
import feign.Response;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.WeChatApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import me.chanjar.weixin.common.error.WxError;
import me.chanjar.weixin.common.error.WxErrorException;
import org.junit.jupiter.api.Test;

class DefaultsFromExceptionTest {

    private final ErrcodeExtractor extractor = ErrcodeExtractor.defaults();

    /** An SDK exception exposing the code through {@code getErrorCode()}. */
    public static class SdkException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long code;

        public SdkException(long code) {
            super("sdk failure");
            this.code = code;
        }

        public long getErrorCode() {
            return code;
        }
    }

    public static class ErrcodeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ErrcodeException() {
            super("plain");
        }

        public Integer getErrcode() {
            return 40014;
        }
    }

    public static class ErrCodeTextException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public String getErrCode() {
            return "42001";
        }
    }

    /** Its code is not numeric (WeChat Pay style): no errcode, and its message is still scanned. */
    public static class SymbolicCodeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SymbolicCodeException(String message) {
            super(message);
        }

        public String getErrorCode() {
            return "PARAM_ERROR";
        }
    }

    public static class BrokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("broken getCause");
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("broken getMessage");
        }
    }

    private static FeignException feignException(int status, String body) {
        Request request = Request.create(Request.HttpMethod.POST,
                "https://api.weixin.qq.com/cgi-bin/message/custom/send", Map.of(), null, StandardCharsets.UTF_8, null);
        Response response = Response.builder()
                .status(status)
                .reason("reason")
                .request(request)
                .headers(Map.of())
                .body(body, StandardCharsets.UTF_8)
                .build();
        return FeignException.errorStatus("WeChatClient#sendCustomMessage(String)", response);
    }

    /** {@code depth} wrappers around {@code innermost}. */
    private static Throwable wrapped(Throwable innermost, int depth) {
        Throwable current = innermost;
        for (int i = 0; i < depth; i++) {
            current = new RuntimeException("wrapper " + i, current);
        }
        return current;
    }

    @Test
    void fromException_null_returnsNone() {
        assertThat(extractor.fromException(null)).isEqualTo(NONE);
    }

    @Test
    void fromException_weChatApiException_returnsItsErrcode() {
        assertThat(extractor.fromException(new WeChatApiException("clear_quota", 48006, "forbid to clear quota")))
                .isEqualTo(48006);
    }

    @Test
    void fromException_weChatApiExceptionAsCause_returnsItsErrcode() {
        Throwable thrown = new ExecutionException(new WeChatApiException("getApiQuota", 76021, "cgi_path not found"));

        assertThat(extractor.fromException(thrown)).isEqualTo(76021);
    }

    @Test
    void fromException_getErrorCodeReturningLong_returnsIt() {
        assertThat(extractor.fromException(new SdkException(45009))).isEqualTo(45009);
    }

    @Test
    void fromException_getErrcodeReturningInteger_returnsIt() {
        assertThat(extractor.fromException(new ErrcodeException())).isEqualTo(40014);
    }

    @Test
    void fromException_getErrCodeReturningNumericText_returnsIt() {
        assertThat(extractor.fromException(new ErrCodeTextException())).isEqualTo(42001);
    }

    @Test
    void fromException_nonNumericErrorCode_fallsBackToMessage() {
        assertThat(extractor.fromException(new SymbolicCodeException("{\"errcode\":45011}"))).isEqualTo(45011);
    }

    @Test
    void fromException_wxErrorException_readsGetErrorGetErrorCode() {
        assertThat(extractor.fromException(new WxErrorException(new WxError(45009, "api freq out of limit"))))
                .isEqualTo(45009);
    }

    @Test
    void fromException_wxErrorExceptionWrappedInUndeclaredThrowable_readsIt() {
        Throwable thrown = new UndeclaredThrowableException(new WxErrorException(new WxError(-1, "system busy")));

        assertThat(extractor.fromException(thrown)).isEqualTo(-1);
    }

    @Test
    void fromException_wxErrorExceptionWithoutError_returnsNone() {
        assertThat(extractor.fromException(new WxErrorException(null))).isEqualTo(NONE);
    }

    @Test
    void fromException_feignExceptionWithJsonBody_returnsErrcode() {
        FeignException thrown = feignException(503, "{\"errcode\":-1,\"errmsg\":\"system error\"}");

        assertThat(extractor.fromException(thrown)).isEqualTo(-1);
    }

    @Test
    void fromException_feignContent_winsOverMessageOfOuterException() {
        Throwable thrown = new RuntimeException("errcode=1", feignException(500, "{\"errcode\":45009}"));

        assertThat(extractor.fromException(thrown)).isEqualTo(45009);
    }

    @Test
    void fromException_feignExceptionWithoutErrcode_returnsNone() {
        assertThat(extractor.fromException(feignException(502, "<html>Bad Gateway</html>"))).isEqualTo(NONE);
    }

    @Test
    void fromException_feignExceptionAsCause_returnsErrcode() {
        Throwable thrown = new IllegalStateException("call failed", feignException(500, "{\"errcode\":45009}"));

        assertThat(extractor.fromException(thrown)).isEqualTo(45009);
    }

    @Test
    void fromException_messageWithErrcodeEquals_returnsIt() {
        assertThat(extractor.fromException(new IllegalStateException("WeChat said errcode=45011, errmsg=minute")))
                .isEqualTo(45011);
    }

    @Test
    void fromException_messageWithJson_returnsIt() {
        Throwable thrown = new UncheckedIOException(new IOException("body: {\"errCode\": 40001, \"errMsg\":\"x\"}"));

        assertThat(extractor.fromException(thrown)).isEqualTo(40001);
    }

    @Test
    void fromException_messageWithQuotedKey_returnsIt() {
        assertThat(extractor.fromException(new RuntimeException("{'errcode': -1}"))).isEqualTo(-1);
    }

    @Test
    void fromException_messageWithoutErrcode_returnsNone() {
        assertThat(extractor.fromException(new IllegalStateException("connection reset"))).isEqualTo(NONE);
    }

    @Test
    void fromException_errcodeWordWithoutSeparator_returnsNone() {
        assertThat(extractor.fromException(new QuotaExhaustedException("wx1", "/cgi-bin/menu/create", 1000,
                Instant.EPOCH, "WeChat answered errcode 45009"))).isEqualTo(NONE);
    }

    @Test
    void fromException_structuredCause_winsOverMessageOfOuterException() {
        Throwable thrown = new RuntimeException("errcode=1",
                new WeChatApiException("menu create", 45009, "quota"));

        assertThat(extractor.fromException(thrown)).isEqualTo(45009);
    }

    @Test
    void fromException_causeAtTenthLevel_isFound() {
        Throwable thrown = wrapped(new WeChatApiException("x", 45009, "quota"), 9);

        assertThat(extractor.fromException(thrown)).isEqualTo(45009);
    }

    @Test
    void fromException_causeBeyondTenLevels_isNotFound() {
        Throwable thrown = wrapped(new WeChatApiException("x", 45009, "quota"), 10);

        assertThat(extractor.fromException(thrown)).isEqualTo(NONE);
    }

    @Test
    void fromException_cyclicCauseChain_terminatesWithNone() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(extractor.fromException(first)).isEqualTo(NONE);
    }

    @Test
    void fromException_cyclicCauseChain_findsErrcodeInTheCycle() {
        RuntimeException first = new RuntimeException("first");
        WeChatApiException second = new WeChatApiException("x", 40001, "invalid credential");
        second.initCause(first);
        first.initCause(second);

        assertThat(extractor.fromException(first)).isEqualTo(40001);
    }

    @Test
    void fromException_brokenGetCauseAndGetMessage_returnsNone() {
        assertThat(extractor.fromException(new BrokenException())).isEqualTo(NONE);
    }

    @Test
    void fromException_sqlExceptionVendorCode_isNotAnErrcode() {
        assertThat(extractor.fromException(new SQLException("duplicate key", "23000", 1062))).isEqualTo(NONE);
    }
}
