package io.github.wechatquota.spring.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.simulator.AccountType;
import io.github.wechatquota.simulator.WeChatSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;

/** The README's quick start, as written: its yml, its client, in a fresh application against the simulator. */
class ReadmeQuickStartTest {

    private static final Path README = Path.of("../README.md");
    private static final Path CLIENT = Path.of("src/test/java/io/github/wechatquota/spring/readme/WeChatClient.java");

    @SpringBootApplication
    @EnableFeignClients(clients = WeChatClient.class)
    static class QuickStartApplication {
    }

    private WeChatSimulator weChat;

    @BeforeEach
    void startWeChat() {
        weChat = WeChatSimulator.builder()
                .account("wx0123456789abcdef", "quick-start-secret", AccountType.OFFICIAL_ACCOUNT).start();
        weChat.setDailyLimit("wx0123456789abcdef", "/cgi-bin/message/custom/send", 2);
        weChat.setDailyLimit("wx0123456789abcdef", "/cgi-bin/menu/create", 1);
    }

    @AfterEach
    void stopWeChat() {
        weChat.close();
    }

    @Test
    void quickStart_guardsTheClientAsTheReadmeSays() throws IOException {
        Properties yml = readmeYaml();
        yml.setProperty("wechat.quota.api-base-url", weChat.baseUri().toString());
        yml.setProperty("WX_SECRET", "quick-start-secret");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(QuickStartApplication.class)
                .web(WebApplicationType.NONE).properties(yml).run()) {
            WeChatClient client = context.getBean(WeChatClient.class);

            client.sendCustomMessage("{}");
            client.sendCustomMessage("{}");
            assertThatThrownBy(() -> client.sendCustomMessage("{}")).isInstanceOf(QuotaExhaustedException.class);
            client.createMenu("{}");
            assertThat(client.createMenu("{}")).contains("queued");
            assertThat(weChat.calls("/cgi-bin/message/custom/send")).hasSize(2);
        }
    }

    @Test
    void readme_showsTheClientAsCompiledHere() throws IOException {
        String source = Files.readString(CLIENT);
        String snippet = source.substring(source.indexOf("// README:quick-start:start") + 28,
                source.indexOf("// README:quick-start:end"));

        assertThat(Files.readString(README)).contains(snippet);
    }

    /** The first yaml block after the README's "Quick start" heading. */
    private static Properties readmeYaml() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Quick start");
        int start = readme.indexOf("```yaml\n", section) + 8;
        String yaml = readme.substring(start, readme.indexOf("```", start));
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(new ByteArrayResource(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Properties properties = factory.getObject();
        assertThat(properties).as("yaml block of the quick start").isNotEmpty();
        return properties;
    }

}
