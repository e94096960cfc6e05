package io.github.wechatquota.spring.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "Spring Boot 4 and HTTP service clients" shows the code the HTTP service client tests run
 * (HttpServiceProxyFactoryClientTest and WebClientHttpServiceClientTest on both Boot lines,
 * ImportedHttpServicesClientTest on Boot 4).
 */
class ReadmeHttpServiceClientTest {

    private static final Path README = Path.of("../README.md");
    private static final Path FACTORY_BEAN =
            Path.of("src/test/java/io/github/wechatquota/spring/httpservice/HttpServiceClientApplication.java");
    private static final Path WEB_CLIENT_BEAN =
            Path.of("src/test/java/io/github/wechatquota/spring/httpservice/WebClientProxyConfiguration.java");
    private static final Path IMPORTED = Path.of("../spring-boot-starter-boot4-tests/src/test/java/io/github/wechatquota"
            + "/spring/importedhttp/ImportedHttpServicesApplication.java");

    private static String snippet(Path source, String name) throws IOException {
        String text = Files.readString(source);
        String start = "// README:" + name + ":start\n";
        return text.substring(text.indexOf(start) + start.length(), text.indexOf("// README:" + name + ":end"))
                .stripTrailing();
    }

    private static String section() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Spring Boot 4 and HTTP service clients");
        assertThat(start).as("the README's section on Spring Boot 4 and HTTP service clients").isNotNegative();
        int end = readme.indexOf("\n## ", start + 3);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void readme_showsTheHttpServiceProxyFactoryBeanAsTestedHere() throws IOException {
        assertThat(section()).contains(snippet(FACTORY_BEAN, "http-service-client"));
    }

    @Test
    void readme_showsTheWebClientProxyBeanAsTestedHere() throws IOException {
        assertThat(section()).contains(snippet(WEB_CLIENT_BEAN, "webclient-http-service-client"));
    }

    @Test
    void readme_showsTheImportHttpServicesTokenConfigurerAsTestedOnBoot4() throws IOException {
        assertThat(section()).contains(snippet(IMPORTED, "import-http-services"));
    }
}
