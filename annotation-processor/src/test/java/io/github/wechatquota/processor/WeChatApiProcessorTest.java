package io.github.wechatquota.processor;

import static io.github.wechatquota.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.annotation.WeChatApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.lang.model.SourceVersion;
import javax.tools.Diagnostic.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeChatApiProcessorTest {

    @TempDir
    Path out;

    /** Every feature used correctly: nothing to report, not even a lint warning. */
    private static final String VALID = source("""
            interface WeChatClient extends Fallbacks {
                @WeChatApi(cgiPath = "/cgi-bin/message/custom/send", appId = "#appId", onExhausted = QuotaPolicy.FALLBACK,
                        fallbackMethod = "queue", cost = 2)
                String send(String appId, String json);

                @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 1000, perMinuteLimit = 10,
                        appId = "wx0123456789abcdef", onExhausted = QuotaPolicy.CLEAR_AND_RETRY)
                String createMenu(String json);

                @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 1000, appId = "wx0123456789abcdef",
                        onExhausted = QuotaPolicy.WAIT, fallbackMethod = "menuLater")
                String replaceMenu(String json);

                @WeChatApi(cgiPath = "/sns/userinfo", dailyLimit = 50000, appId = "#p0")
                String userInfo(String appId, String openId);

                default String menuLater(String json, QuotaExhaustedException cause) {
                    return cause.getCgiPath();
                }
            }

            interface Fallbacks {
                default String queue(String appId, String json) {
                    return appId + json;
                }
            }
            """);

    @Test
    void validSources_giveNoErrorWarningOrNote() {
        TestCompiler.Result result = TestCompiler.into(out).compile(VALID);

        assertThat(result.all()).isEmpty();
        assertThat(result.success()).isTrue();
        assertThat(result.index()).isPresent();
    }

    @Test
    void serviceFile_registersTheProcessor_soJavacFindsItOnTheProcessorPath() {
        TestCompiler.Result result = TestCompiler.into(out).discoveringProcessors().compile(source("""
                interface WeChatClient {
                    @WeChatApi(cgiPath = "https://api.weixin.qq.com/cgi-bin/menu/create")
                    String createMenu(String json);
                }
                """));

        assertThat(result.success()).isFalse();
        assertThat(result.only().kind()).isEqualTo(Kind.ERROR);
        assertThat(result.only().message()).startsWith("@WeChatApi cgiPath: ");
    }

    @Test
    void serviceFiles_nameTheProcessor_forJavacAndForGradlesIncrementalCompilation() throws IOException {
        assertThat(resource("META-INF/services/javax.annotation.processing.Processor"))
                .isEqualTo(WeChatApiProcessor.class.getName() + "\n");
        assertThat(resource("META-INF/gradle/incremental.annotation.processors"))
                .isEqualTo(WeChatApiProcessor.class.getName() + ",aggregating\n");
    }

    @Test
    void processor_supportsWeChatApi_atTheLatestSourceVersion() {
        WeChatApiProcessor processor = new WeChatApiProcessor();

        assertThat(processor.getSupportedAnnotationTypes()).containsExactly(WeChatApi.class.getName());
        assertThat(processor.getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
    }

    @Test
    void erroneousValues_areLeftToJavac() {
        TestCompiler.Result result = TestCompiler.into(out).compile(source("""
                interface WeChatClient {
                    @WeChatApi(cgiPath = NO_SUCH_CONSTANT, dailyLimit = 0)
                    String createMenu(String json);
                }
                """));

        assertThat(result.success()).isFalse();
        assertThat(result.reported()).isEmpty();
        assertThat(result.all()).extracting(TestCompiler.Diag::message).anyMatch(m -> m.contains("NO_SUCH_CONSTANT"));
    }

    @Test
    void methodsFoundInLaterRounds_areCheckedAndIndexedWithTheOthers() {
        // A type generated in round one by a second processor is processed in round two.
        TestCompiler.Result result = TestCompiler.into(out).withProcessor(new GeneratingProcessor()).compile(source("""
                @Generate
                interface WeChatClient {
                    @WeChatApi(cgiPath = "/cgi-bin/menu/create", dailyLimit = 100)
                    String createMenu(String json);
                }
                """), source("""
                @interface Generate {
                }
                """));

        assertThat(result.reported()).extracting(TestCompiler.Diag::file)
                .containsExactlyInAnyOrder("WeChatClient.java", "GeneratedClient.java");
        assertThat(result.index().orElseThrow()).contains("\"type\":\"com.example.GeneratedClient\"")
                .contains("\"type\":\"com.example.WeChatClient\"");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WeChatApiProcessor.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
