package io.github.wechatquota.spring.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * The README's "Bad configuration" examples, as written: each yaml block starts a fresh application from an
 * application.yml, and the screen Spring Boot prints must be the text block that follows it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadmeBadConfigurationTest {

    private static final Path README = Path.of("../README.md");
    private static final Pattern EXAMPLE = Pattern.compile("```yaml\n(.*?)```\n.*?```\n(.*?)```", Pattern.DOTALL);

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {
    }

    record Example(String yaml, String screen) {
        @Override
        public String toString() {
            return screen.lines().filter(line -> line.contains("Where:")).findFirst().orElse(screen).strip();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void example_printsTheScreenTheReadmeShows(Example example, @TempDir Path dir, CapturedOutput output)
            throws IOException {
        for (Matcher variable = Pattern.compile("\\$\\{(\\w+)}").matcher(example.yaml()); variable.find(); ) {
            assumeThat(System.getenv(variable.group(1))).as("environment variable " + variable.group(1)).isNull();
        }
        Path yml = Files.writeString(dir.resolve("application.yml"), example.yaml());

        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
                .run("--spring.config.location=file:" + yml))
                .hasRootCauseInstanceOf(io.github.wechatquota.spring.autoconfigure.WeChatQuotaConfigurationException.class);

        assertThat(output.getAll().replace("\r\n", "\n")).contains("Description:\n\n" + example.screen());
    }

    @Test
    void readme_hasBadConfigurationExamples() throws IOException {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(4);
    }

    /** Each yaml block of the "Bad configuration" paragraph with the text block after it. */
    static List<Example> examples() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("**Bad configuration**");
        String section = readme.substring(start, readme.indexOf("\n## ", start));
        List<Example> examples = new ArrayList<>();
        for (Matcher matcher = EXAMPLE.matcher(section); matcher.find(); ) {
            examples.add(new Example(matcher.group(1), matcher.group(2)));
        }
        return examples;
    }
}
