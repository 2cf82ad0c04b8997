package dev.realtimehub.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.realtimehub.core.api.Setting;
import dev.realtimehub.server.config.ConfigLoader;
import dev.realtimehub.server.config.SettingsTable;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration metadata IDEs read covers every setting the hub has, with its description and default. */
class ConfigurationMetadataTest {

    private static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

    @Test
    void theCommittedFileIsWhatTheHubsTablesGive() throws Exception {
        if (System.getProperty("metadata.write") != null) {
            ConfigurationMetadata.write();
        }
        assertThat(Files.readString(ConfigurationMetadata.FILE))
                .as("%s is stale: rerun with -Dmetadata.write", ConfigurationMetadata.FILE)
                .isEqualTo(ConfigurationMetadata.json());
    }

    @Test
    void everySettingHasAPropertyWithItsDescriptionAndDefault() throws Exception {
        Map<String, JsonNode> properties = new HashMap<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as("%s on the classpath", RESOURCE).isNotNull();
            new ObjectMapper().readTree(in).path("properties")
                    .forEach(p -> properties.put(p.path("name").asText(), p));
        }
        for (SettingsTable.Binding<?> binding : SettingsTable.all()) {
            Setting<?> setting = binding.setting();
            JsonNode property = properties.get("realtime-hub." + setting.key());
            assertThat(property).as(setting.key()).isNotNull();
            assertThat(property.path("description").asText()).as(setting.key()).hasSizeGreaterThan(10);
            Object value = setting.defaultValue();
            if (value instanceof Number || value instanceof Boolean || value instanceof String) {
                assertThat(property.path("defaultValue").asText()).as(setting.key()).isEqualTo(String.valueOf(value));
            }
        }
        for (String key : ConfigLoader.topicKeys()) {
            assertThat(properties).containsKey("realtime-hub.topics.logs." + key);
            assertThat(properties.get("realtime-hub.topics.logs." + key).path("description").asText()).isNotBlank();
        }
        assertThat(properties.get("realtime-hub.topics.logs.policy").path("defaultValue").asText()).isEqualTo("batch");
        assertThat(properties.get("realtime-hub.limits.outbound-soft-bytes").path("description").asText())
                .startsWith("Queued outbound bytes past which a connection is congested");
        assertThat(properties.values()).allSatisfy(p -> assertThat(p.path("description").isTextual())
                .as(p.path("name").asText()).isTrue());
    }
}
