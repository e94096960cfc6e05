package io.github.wechatquota.processor;

import static io.github.wechatquota.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spring's HTTP service clients ({@code @HttpExchange} interfaces) are checked and indexed like any other client. */
class HttpExchangeClientTest {

    @TempDir
    Path out;

    @Test
    void httpServiceClient_isIndexed_withItsDefaultMethodFallback() {
        TestCompiler.Result result = TestCompiler.into(out).compile(source("""
                @org.springframework.web.service.annotation.HttpExchange
                interface WeChatClient {
                    @org.springframework.web.service.annotation.PostExchange("/cgi-bin/menu/create")
                    @WeChatApi(cgiPath = "/cgi-bin/menu/create", onExhausted = QuotaPolicy.FALLBACK,
                            fallbackMethod = "later")
                    String createMenu(@org.springframework.web.bind.annotation.RequestBody String json);

                    default String later(String json) {
                        return "queued";
                    }
                }
                """));

        assertThat(result.success()).isTrue();
        assertThat(result.reported()).as("wechat-quota has nothing to say").isEmpty();
        assertThat(result.index()).hasValueSatisfying(index -> assertThat(index)
                .contains("\"type\":\"com.example.WeChatClient\",\"method\":\"createMenu\"")
                .contains("\"fallbackMethod\":\"later\""));
    }

    @Test
    void httpServiceClient_withAHostInItsCgiPath_failsTheCompilation() {
        TestCompiler.Result result = TestCompiler.into(out).compile(source("""
                @org.springframework.web.service.annotation.HttpExchange
                interface WeChatClient {
                    @org.springframework.web.service.annotation.PostExchange("/cgi-bin/menu/create")
                    @WeChatApi(cgiPath = "https://api.weixin.qq.com/cgi-bin/menu/create")
                    String createMenu(String json);
                }
                """));

        assertThat(result.success()).isFalse();
        assertThat(result.only().message()).contains("must not include a scheme or host");
    }
}
