package io.github.wechatquota.spring.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations kit under the repository's {@code ops/}: the Grafana dashboard and the Prometheus rules, and the
 * PromQL queries they hold. Found from the working directory upwards, so that the Spring Boot 4 reruns of these tests
 * (in {@code spring-boot-starter-boot4-tests/boot-4.x}) read the same files.
 */
public final class OpsFiles {

    /** The repository's {@code ops/} folder. */
    public static final Path OPS = findOps();
    /** The Prometheus alerting rules. */
    public static final Path RULES = OPS.resolve("prometheus/wechat-quota-rules.yml");
    /** promtool's unit tests of {@link #RULES}. */
    public static final Path RULES_TEST = OPS.resolve("prometheus/wechat-quota-rules.test.yml");
    /** The Grafana dashboard. */
    public static final Path DASHBOARD = OPS.resolve("grafana/wechat-quota-dashboard.json");

    private OpsFiles() {
    }

    /** Every PromQL query of the dashboard (panel targets and variable queries) and every rule's expression. */
    public static List<String> queries() {
        List<String> queries = new ArrayList<>(dashboardQueries());
        queries.addAll(ruleExpressions());
        return queries;
    }

    /** The queries of the dashboard's panels ({@code expr}) and variables ({@code query}, {@code definition}). */
    public static List<String> dashboardQueries() {
        try {
            JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
            List<String> queries = new ArrayList<>();
            dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                if (text.contains("(")) {
                    queries.add(text);
                }
            }
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code expr} of every rule. */
    @SuppressWarnings("unchecked")
    public static List<String> ruleExpressions() {
        try {
            Map<String, Object> rules = new Yaml().load(Files.readString(RULES));
            List<String> expressions = new ArrayList<>();
            for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    expressions.add(String.valueOf(rule.get("expr")));
                }
            }
            return expressions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findOps() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("ops/prometheus"))) {
                return dir.resolve("ops");
            }
        }
        throw new IllegalStateException("No ops/prometheus above " + Path.of("").toAbsolutePath());
    }
}
