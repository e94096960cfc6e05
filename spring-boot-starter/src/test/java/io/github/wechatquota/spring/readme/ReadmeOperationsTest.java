package io.github.wechatquota.spring.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.wechatquota.spring.ops.MetricReference;
import io.github.wechatquota.spring.ops.OpsFiles;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The README's operations section tells applications to set the tag that the dashboard and the alert rules in
 * {@code ops/} group by; without it their panels and alerts come out empty.
 */
class ReadmeOperationsTest {

    private static final String TAG = "application";

    @Test
    void operationsSection_setsTheTagTheOperationsKitGroupsBy() throws IOException {
        Map<String, Object> yaml = new Yaml().load(ReadmeSection.read("## Operating it").blocks("yaml").get(0));

        assertThat(yaml).extractingByKey("management").asInstanceOf(MAP)
                .extractingByKey("metrics").asInstanceOf(MAP)
                .extractingByKey("tags").asInstanceOf(MAP)
                .containsKey(TAG);
        assertThat(OpsFiles.queries().stream().flatMap(query -> MetricReference.in(query).stream()))
                .anySatisfy(reference -> assertThat(reference.labels()).contains(TAG));
    }
}
