package io.github.wechatquota.spring.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatquota.testing.ExternalServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules in {@code ops/prometheus/} as Prometheus reads them: {@code promtool check rules} and {@code promtool
 * test rules} on the synthetic series of {@code wechat-quota-rules.test.yml}; and the Grafana dashboard's queries,
 * parsed by promtool as PromQL. Needs Debian's {@code prometheus} package ({@code .ci/run} installs it); without it
 * this fails on CI and is skipped elsewhere.
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

    @Test
    void dashboard_queriesAreValidPromQL(@TempDir Path dir) throws Exception {
        // promtool parses a query where it checks a recording rule; Grafana's own variables are given values first.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> queries = OpsFiles.dashboardQueries().stream().filter(query -> !query.startsWith("label_values("))
                .toList();
        for (int i = 0; i < queries.size(); i++) {
            String query = queries.get(i).replace("$__rate_interval", "5m").replace("$top", "10");
            rules.append("      - record: dashboard_query_").append(i).append("\n        expr: '")
                    .append(query.replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);

        String output = promtool(file.getParent(), "check", "rules", file.getFileName().toString());

        assertThat(queries).hasSizeGreaterThan(5);
        assertThat(output).contains("SUCCESS: " + queries.size() + " rules found");
    }

    private static String promtool(String... arguments) throws IOException, InterruptedException {
        return promtool(OpsFiles.RULES.getParent(), arguments);
    }

    /** Runs promtool in {@code dir} (the rules' tests name the rules relative to theirs); fails when it does. */
    private static String promtool(Path dir, String... arguments) throws IOException, InterruptedException {
        Path promtool = ExternalServices.requireProgram("promtool", "prometheus");
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool %s said:%n%s", String.join(" ", arguments), output).isZero();
        return output;
    }
}
