package io.github.wechatquota.errcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.WeChatApiException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The common cases run after every guarded call, so they must not allocate. Measured in bytes over many calls (never
 * as time): a per-call allocation of even 16 bytes would show as hundreds of kilobytes.
 */
class AllocationTest {

    private static final int CALLS = 50_000;
    /** Far below one allocation per call; leaves room for incidental allocation by the measurement itself. */
    private static final long TOLERATED_BYTES = 16_384;

    public record Reply(int errcode, String errmsg) {
    }

    private final ErrcodeExtractor extractor = ErrcodeExtractor.defaults();

    private static long allocatedBy(IntSupplier call) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's ThreadMXBean");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long sink = 0;
        for (int i = 0; i < CALLS; i++) {
            sink += call.getAsInt(); // warm-up: resolve accessors, compile
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < CALLS; i++) {
            sink += call.getAsInt();
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertThat(sink).isNotZero();
        return allocated;
    }

    @Test
    void fromResult_recordAccessor_allocatesNothingPerCall() {
        Reply reply = new Reply(45009, "quota");

        assertThat(allocatedBy(() -> extractor.fromResult(reply))).isLessThan(TOLERATED_BYTES);
    }

    @Test
    void fromResult_jackson2Tree_allocatesNothingPerCall() throws Exception {
        Object tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"errcode\":45009}");

        assertThat(allocatedBy(() -> extractor.fromResult(tree))).isLessThan(TOLERATED_BYTES);
    }

    @Test
    void fromResult_jackson3Tree_allocatesNothingPerCall() {
        Object tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"errcode\":45009}");

        assertThat(allocatedBy(() -> extractor.fromResult(tree))).isLessThan(TOLERATED_BYTES);
    }

    @Test
    void fromResult_jsonBytes_allocatesNothingPerCall() {
        byte[] body = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(allocatedBy(() -> extractor.fromResult(body) + 1)).isLessThan(TOLERATED_BYTES);
    }

    @Test
    void fromResult_ordinaryValue_allocatesNothingPerCall() {
        Object value = Long.valueOf(7);

        assertThat(allocatedBy(() -> extractor.fromResult(value))).isLessThan(TOLERATED_BYTES);
    }

    @Test
    void fromException_weChatApiExceptionAsCause_allocatesNothingPerCall() {
        Throwable thrown = new IllegalStateException(new WeChatApiException("x", 45009, "quota"));

        assertThat(allocatedBy(() -> extractor.fromException(thrown))).isLessThan(TOLERATED_BYTES);
    }
}
