package dev.realtimehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsConfigTest {

    @TempDir
    Path dir;

    @Test
    void theReadinessBoundAndTheLogFormatHaveDefaultsAndFollowThePrecedence() throws Exception {
        HubConfig defaults = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(defaults.operations().readyTimeoutMs()).isEqualTo(2000);
        assertThat(defaults.operations().logFormat()).isEqualTo(OperationsConfig.LogFormat.TEXT);

        Path file = dir.resolve("hub.yaml");
        Files.writeString(file, "health:\n  ready-timeout-ms: 500\nlog:\n  format: json\n");
        HubConfig fromFile = ConfigLoader.load(file, Map.of(), Map.of());
        assertThat(fromFile.operations().readyTimeoutMs()).isEqualTo(500);
        assertThat(fromFile.operations().logFormat()).isEqualTo(OperationsConfig.LogFormat.JSON);

        HubConfig overridden = ConfigLoader.load(file, Map.of("HUB_HEALTH_READY_TIMEOUT_MS", "750",
                "HUB_LOG_FORMAT", "JSON"), Map.of("log.format", "text"));
        assertThat(overridden.operations().readyTimeoutMs()).isEqualTo(750);
        assertThat(overridden.operations().logFormat()).isEqualTo(OperationsConfig.LogFormat.TEXT);
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_LOG_FORMAT", "xml"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable HUB_LOG_FORMAT: expected text or json but was 'xml'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_HEALTH_READY_TIMEOUT_MS", "0"), Map.of()))
                .hasMessage("environment variable HUB_HEALTH_READY_TIMEOUT_MS: expected 1..60000 but was 0");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_HEALTH_READY_TIMEOUT_MS", "soon"), Map.of()))
                .hasMessage("environment variable HUB_HEALTH_READY_TIMEOUT_MS: expected a whole number but was 'soon'");
    }

    @Test
    void theProbeTopicNameIsReserved() {
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0).topic(TopicConfig.builder("hub_probe").build());
        assertThatThrownBy(builder::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("topics.hub_probe:").hasMessageContaining("reserved");
    }

    @Test
    void configMdDocumentsEveryKey() throws Exception {
        String doc = Files.readString(Path.of("../docs/CONFIG.md"));
        for (String key : ConfigLoader.keys()) {
            assertThat(doc).as("docs/CONFIG.md lists %s", key).contains("| `" + key + "`");
        }
    }
}
