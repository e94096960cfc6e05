package io.github.wechatquota.spring.it;

import static io.github.wechatquota.spring.it.QuotaTestApplication.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatquota.QuotaExhaustedException;
import io.github.wechatquota.simulator.WeChatSimulator;
import io.github.wechatquota.spring.ops.MetricReference;
import io.github.wechatquota.spring.ops.OpsFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operations kit against a running application: {@code /actuator/prometheus} has every meter, label and label
 * value that the Grafana dashboard and the Prometheus rules in {@code ops/} name (read from those files, so renaming a
 * meter fails here), and the forecast reaches the gauge and the endpoint.
 */
class OperationsKitIntegrationTest extends ApplicationTestSupport {

    static final WeChatSimulator WECHAT = startWeChat();
    private static final String SEND = "/cgi-bin/message/custom/send";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One scraped sample. */
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    @DynamicPropertySource
    static void weChat(DynamicPropertyRegistry registry) {
        useWeChat(registry, WECHAT);
        registry.add("management.endpoints.web.exposure.include", () -> "health,wechatquota,prometheus");
        // Spring Boot's tests switch metrics export off unless asked; this property means the same on every Boot line.
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
        // What the dashboard's application variable and the rules group by: the README asks applications to set it.
        registry.add("management.metrics.tags.application", () -> "ops-kit-test");
    }

    @AfterAll
    static void stopWeChat() {
        WECHAT.close();
    }

    @Test
    void prometheus_hasEveryMeterAndLabelTheDashboardAndRulesName() {
        accounts.createQrCode();
        accounts.createQrCode(); // its limit is one a day: CLEAR_AND_RETRY spends a clear, so wechat.quota.clears shows
        List<Sample> scraped = scrape();
        List<MetricReference> references = OpsFiles.queries().stream()
                .flatMap(query -> MetricReference.in(query).stream()).toList();

        assertThat(references).extracting(MetricReference::metric).contains("wechat_quota_remaining",
                "wechat_quota_calls_total", "wechat_quota_exhaustion_seconds", "wechat_quota_clears_used",
                "wechat_quota_clears_max", "wechat_quota_clears_total", "wechat_quota_store_reachable");
        SoftAssertions softly = new SoftAssertions();
        for (MetricReference reference : references) {
            List<Sample> series = scraped.stream().filter(sample -> sample.name().equals(reference.metric())).toList();
            softly.assertThat(series).as("%s, named by %s", reference.metric(), reference.query()).isNotEmpty()
                    .anySatisfy(sample -> {
                        assertThat(sample.labels().keySet()).containsAll(reference.labels());
                        assertThat(sample.labels()).containsAllEntriesOf(reference.values());
                    });
        }
        softly.assertAll();
    }

    @Test
    void prometheus_exhaustedQuota_runsOutInNoSeconds() {
        exhaustSend();

        assertThat(scrape()).filteredOn(sample -> sample.name().equals("wechat_quota_exhaustion_seconds")
                        && SEND.equals(sample.labels().get("cgi_path")) && APP_ID.equals(sample.labels().get("app_id")))
                .singleElement().extracting(Sample::value).isEqualTo(0.0);
    }

    @Test
    void actuator_showsTheForecastOfEachQuota() {
        exhaustSend();

        JsonNode forecast = http.getForObject("/actuator/wechatquota/" + APP_ID + SEND, JsonNode.class).get("forecast");

        assertThat(forecast.get("secondsLeft").asLong()).isZero();
        assertThat(forecast.get("exhaustsBeforeReset").asBoolean()).isTrue();
        assertThat(forecast.get("rateBasis").asText()).isIn("RECENT", "DAY_AVERAGE");
        assertThat(forecast.has("resetsAt")).isTrue();
    }

    private void exhaustSend() {
        for (int i = 0; i < 4; i++) {
            try {
                client.sendCustomMessage("{}");
            } catch (QuotaExhaustedException expected) {
                return;
            }
        }
    }

    /** {@code /actuator/prometheus} in Prometheus's text format, parsed into samples. */
    private List<Sample> scrape() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain; version=0.0.4").GET().build();
        String body;
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("/actuator/prometheus: %s", response.body()).isEqualTo(200);
            body = response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : body.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            String value = sample.group(4).replace("+Inf", "Infinity").replace("-Inf", "-Infinity");
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(value)));
        }
        return samples;
    }
}
