package io.github.wechatquota.spring.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wechat-quota meter as a PromQL query names it: the metric, the labels it selects or groups by, and the exact label
 * values it selects (those written out, not Grafana variables). Read from the query's text with a few patterns: enough
 * for the queries in {@code ops/}, not a PromQL parser.
 *
 * @param metric the metric's name as Prometheus scrapes it, e.g. {@code wechat_quota_calls_total}
 * @param labels the labels the query needs it to have
 * @param values the label values the query selects exactly, e.g. {@code outcome="limited_by_wechat"}
 * @param query where it was named
 */
public record MetricReference(String metric, Set<String> labels, Map<String, String> values, String query) {

    /** Labels Prometheus adds to every scraped series: no application exposes them. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    private static final Pattern METRIC = Pattern.compile("\\b(wechat_quota_[a-z_]+)\\b(\\s*\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\(([^)]*)\\)");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("label_values\\(\\s*(wechat_quota_[a-z_]+)[^,]*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

    /** Every wechat-quota meter the query names; grouping labels count for each meter of the query. */
    public static List<MetricReference> in(String query) {
        Set<String> grouping = new LinkedHashSet<>();
        Matcher groups = GROUPING.matcher(query);
        while (groups.find()) {
            for (String label : groups.group(1).split(",")) {
                if (!label.isBlank()) {
                    grouping.add(label.strip());
                }
            }
        }
        Map<String, String> variableLabels = new LinkedHashMap<>();
        Matcher labelValues = LABEL_VALUES.matcher(query);
        while (labelValues.find()) {
            variableLabels.put(labelValues.group(1), labelValues.group(2));
        }
        List<MetricReference> references = new ArrayList<>();
        Matcher metrics = METRIC.matcher(query);
        while (metrics.find()) {
            Set<String> labels = new LinkedHashSet<>(grouping);
            Map<String, String> values = new LinkedHashMap<>();
            if (metrics.group(3) != null) {
                Matcher matchers = MATCHER.matcher(metrics.group(3));
                while (matchers.find()) {
                    labels.add(matchers.group(1));
                    if (matchers.group(2).equals("=") && !matchers.group(3).contains("$")) {
                        values.put(matchers.group(1), matchers.group(3));
                    }
                }
            }
            if (variableLabels.containsKey(metrics.group(1))) {
                labels.add(variableLabels.get(metrics.group(1)));
            }
            labels.removeAll(TARGET_LABELS);
            references.add(new MetricReference(metrics.group(1), labels, values, query));
        }
        return references;
    }
}
