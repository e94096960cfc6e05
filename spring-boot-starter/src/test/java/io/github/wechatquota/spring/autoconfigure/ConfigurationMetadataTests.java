package io.github.wechatquota.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The starter's configuration metadata, as IDEs read it from the jar (on either Boot line). */
class ConfigurationMetadataTests {

    private static Map<String, JsonNode> starterProperties() throws IOException {
        Map<String, JsonNode> properties = new HashMap<>();
        for (URL url : Collections.list(WeChatQuotaProperties.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode metadata = new ObjectMapper().readTree(in);
                for (JsonNode property : metadata.path("properties")) {
                    String name = property.get("name").asText();
                    if (name.startsWith("wechat.quota.") || name.startsWith("management.endpoint.wechatquota.")) {
                        properties.put(name, property);
                    }
                }
            }
        }
        return properties;
    }

    @Test
    void metadata_describesEveryStoreChoiceWithItsDefault() throws IOException {
        JsonNode storeType = starterProperties().get("wechat.quota.store.type");

        assertThat(storeType).isNotNull();
        assertThat(storeType.get("description").asText()).contains("local").contains("redis").contains("jdbc");
        assertThat(storeType.get("defaultValue").asText()).isEqualTo("local");
    }

    @Test
    void metadata_namesTheEndpointsAccessProperty() throws IOException {
        assertThat(starterProperties()).containsKey("management.endpoint.wechatquota.access");
    }
}
