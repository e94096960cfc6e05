package io.github.wechatquota.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The results of one JMH run, read from its JSON ({@code -rf json}). */
final class JmhResults {

    /**
     * One benchmark in one mode.
     *
     * @param name the method name, e.g. {@code guard}
     * @param median the median of the measurement iterations' scores (for sample mode: of all samples)
     * @param mean JMH's score
     * @param error JMH's error: half the 99.9% confidence interval of the mean, NaN when it has too few iterations
     * @param allocated bytes allocated per operation ({@code -prof gc}), or NaN
     */
    record Result(String name, String mode, int threads, Map<String, String> params, double median, double mean,
            double error, String unit, Map<String, Double> percentiles, double allocated, int warmupIterations,
            String warmupTime, int measurementIterations, String measurementTime, int forks, List<String> jvmArgs) {

        double percentile(String key) {
            Double value = percentiles.get(key);
            return value == null ? Double.NaN : value;
        }
    }

    private final List<Result> results = new ArrayList<>();
    final String jmhVersion;

    JmhResults(File file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file);
        String version = "?";
        for (JsonNode node : root) {
            version = node.path("jmhVersion").asText();
            String benchmark = node.path("benchmark").asText();
            String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            node.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode primary = node.path("primaryMetric");
            Map<String, Double> percentiles = new LinkedHashMap<>();
            primary.path("scorePercentiles").properties()
                    .forEach(e -> percentiles.put(e.getKey(), e.getValue().asDouble()));
            JsonNode alloc = node.path("secondaryMetrics").path("gc.alloc.rate.norm");
            List<String> jvmArgs = new ArrayList<>();
            node.path("jvmArgs").forEach(arg -> jvmArgs.add(arg.asText()));
            results.add(new Result(name, node.path("mode").asText(), node.path("threads").asInt(), params,
                    percentiles.getOrDefault("50.0", Double.NaN), primary.path("score").asDouble(),
                    number(primary.path("scoreError")), primary.path("scoreUnit").asText(), percentiles,
                    alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble(),
                    node.path("warmupIterations").asInt(), node.path("warmupTime").asText(),
                    node.path("measurementIterations").asInt(), node.path("measurementTime").asText(),
                    node.path("forks").asInt(), jvmArgs));
        }
        this.jmhVersion = version;
    }

    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        return Double.NaN; // "NaN" as text
    }

    List<Result> all() {
        return results;
    }

    Optional<Result> find(String name, String mode, Map<String, String> params) {
        return results.stream()
                .filter(r -> r.name().equals(name) && r.mode().equals(mode))
                .filter(r -> params.entrySet().stream().allMatch(e -> e.getValue().equals(r.params().get(e.getKey()))))
                .findFirst();
    }

    Optional<Result> find(String name, String mode) {
        return find(name, mode, Map.of());
    }
}
