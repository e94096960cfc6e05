package io.github.wechatquota.simulator;

import static io.github.wechatquota.simulator.WeChatHttp.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends SimulatorTestSupport {

    @Test
    void manyClientsAtOnce_getExactlyTheLimit() throws Exception {
        simulator.setDailyLimit(APP_ID, CUSTOM_SEND, 1000);
        String token = http.accessToken();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Void>> clients = new ArrayList<>();
            for (int thread = 0; thread < 16; thread++) {
                clients.add(() -> {
                    WeChatHttp client = new WeChatHttp(simulator);
                    for (int i = 0; i < 80; i++) {
                        int errcode = client.call(CUSTOM_SEND, token, "{}").get("errcode").asInt();
                        if (errcode == 0) {
                            ok.incrementAndGet();
                        } else if (errcode == 45009) {
                            limited.incrementAndGet();
                        } else {
                            throw new AssertionError("unexpected errcode " + errcode);
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(clients)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ok.get()).isEqualTo(1000);
        assertThat(limited.get()).isEqualTo(16 * 80 - 1000);
        assertThat(simulator.quota(APP_ID, CUSTOM_SEND).used()).isEqualTo(1000);
        assertThat(simulator.successfulCalls(APP_ID, CUSTOM_SEND)).isEqualTo(1000);
    }
}
