package io.github.wechatquota.spring.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.testing.ExternalServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in {@code ops/prometheus/} as Prometheus reads them: {@code promtool check rules} and {@code promtool
 * test rules} on the synthetic series of {@code wechat-quota-rules.test.yml}. Needs Debian's {@code prometheus}
 * package ({@code .ci/run} installs it); without it this fails on CI and is skipped elsewhere.
 */
class PrometheusRulesTest {

    @Test
    void rules_areValidPrometheusRules() throws Exception {
        String output = promtool("check", "rules", OpsFiles.RULES.getFileName().toString());

        assertThat(output).contains("SUCCESS");
    }

    @Test
    void rules_passTheirUnitTestsOnSyntheticSeries() throws Exception {
        String output = promtool("test", "rules", OpsFiles.RULES_TEST.getFileName().toString());

        assertThat(output).contains("SUCCESS");
    }

    /** Runs promtool in the rules' folder (the test file names the rules relative to it); fails when it does. */
    private static String promtool(String... arguments) throws IOException, InterruptedException {
        Path promtool = ExternalServices.requireProgram("promtool", "prometheus");
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(OpsFiles.RULES.getParent().toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool %s said:%n%s", String.join(" ", arguments), output).isZero();
        return output;
    }
}
