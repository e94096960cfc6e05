package io.github.wechatquota.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.LimitSource;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The annotation processor's index tells the starter every guarded API, so start-up syncs them without a scan. */
@ExtendWith(OutputCaptureExtension.class)
class IndexDrivenStartupTests {

    private static final String APP_ID = "wx0123456789abcdef";

    /** Not a bean: only the index can tell the starter about it. */
    interface IndexedOnlyClient {
        @WeChatApi(cgiPath = "/cgi-bin/user/info/updateremark")
        String setRemark(String openId, String remark);
    }

    @TempDir
    Path classes;
    private WeChatSimulator weChat;

    @BeforeEach
    void startWeChat() {
        weChat = WeChatSimulator.builder().account(APP_ID, "index-secret", AccountType.OFFICIAL_ACCOUNT).start();
    }

    @AfterEach
    void stopWeChat() {
        weChat.close();
    }

    private ApplicationContextRunner runnerWithIndex(String json) throws IOException {
        Path index = classes.resolve(WeChatQuotaInitializer.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, json);
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return new ApplicationContextRunner()
                .withClassLoader(loader)
                .withConfiguration(AutoConfigurations.of(WeChatQuotaAutoConfiguration.class))
                .withPropertyValues("wechat.quota.api-base-url=" + weChat.baseUri(),
                        "wechat.quota.apps." + APP_ID + ".secret=index-secret", "wechat.quota.sync.interval=0");
    }

    @Test
    void indexedApi_isSyncedAtStartUpBeforeAnyCall(CapturedOutput output) throws IOException {
        String json = "{\"apis\":[{\"type\":\"" + IndexedOnlyClient.class.getName() + "\",\"method\":\"setRemark\","
                + "\"parameterTypes\":[\"java.lang.String\",\"java.lang.String\"],"
                + "\"cgiPath\":\"/cgi-bin/user/info/updateremark\",\"dailyLimit\":-1,\"perMinuteLimit\":-1,"
                + "\"policy\":\"DEFAULT\",\"appId\":\"\",\"cost\":1,\"fallbackMethod\":\"\"}]}";

        runnerWithIndex(json).run(context -> {
            assertThat(context).hasNotFailed();
            QuotaGuard guard = context.getBean(QuotaGuard.class);
            assertThat(guard.snapshot(APP_ID, "/cgi-bin/user/info/updateremark").orElseThrow().source())
                    .isEqualTo(LimitSource.SYNCED);
            assertThat(weChat.calls("/cgi-bin/openapi/quota/get")).isNotEmpty();
            assertThat(weChat.calls("/cgi-bin/user/info/updateremark")).isEmpty();
        });
        assertThat(output).contains("found in the annotation processor's index");
    }

    @Test
    void indexNamingAMissingClass_failsWithTheFix() throws IOException {
        String json = "{\"apis\":[{\"type\":\"com.example.Gone\",\"method\":\"call\",\"parameterTypes\":[],"
                + "\"cgiPath\":\"/cgi-bin/menu/create\"}]}";

        runnerWithIndex(json).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("com.example.Gone#call")
                    .hasMessageContaining("Rebuild the project");
        });
    }
}
