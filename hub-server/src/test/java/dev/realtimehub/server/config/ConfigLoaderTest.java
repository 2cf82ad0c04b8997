package dev.realtimehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("hub.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static TopicConfig topic(HubConfig config, String name) {
        return config.topics().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void defaultsServeADeveloperOnOneMachine() {
        HubConfig config = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(config.transport().host()).isEqualTo("127.0.0.1");
        assertThat(config.transport().port()).isEqualTo(8000);
        assertThat(config.transport().heartbeatIntervalMs()).isEqualTo(30_000);
        assertThat(config.transport().heartbeatTimeoutMs()).isEqualTo(60_000);
        assertThat(config.transport().maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.topics()).isEmpty();
    }

    @Test
    void aFlagBeatsAVariableWhichBeatsTheFile() throws Exception {
        Path file = yaml("host: 10.0.0.1\nport: 9000\nheartbeat:\n  interval-ms: 1000\n  timeout-ms: 5000\n");
        Map<String, String> env = Map.of("HUB_PORT", "9100", "HUB_HEARTBEAT_TIMEOUT_MS", "7000", "PATH", "/bin");
        Map<String, Object> flags = new HashMap<>();
        flags.put("port", 9200);
        flags.put("host", null); // a flag not given changes nothing
        HubConfig config = ConfigLoader.load(file, env, flags);
        assertThat(config.transport().port()).isEqualTo(9200);
        assertThat(config.transport().heartbeatTimeoutMs()).isEqualTo(7000);
        assertThat(config.transport().heartbeatIntervalMs()).isEqualTo(1000);
        assertThat(config.transport().host()).isEqualTo("10.0.0.1");
    }

    @Test
    void topicsComeFromTheFileAndTheEnvironment() throws Exception {
        Path file = yaml("""
                topics:
                  orders:
                    policy: conflate
                    conflate-key: [order_id, type]
                    history: 20
                  logs:
                    batch-max-items: 500
                """);
        HubConfig config = ConfigLoader.load(file, Map.of("HUB_TOPICS_LOGS_WINDOW_MS", "250",
                "HUB_TOPICS_AUDIT_TRAIL_POLICY", "batch", "HUB_ALLOWED_ORIGINS", "https://a.example, https://b.example"),
                Map.of());
        assertThat(topic(config, "orders").policy()).isEqualTo(DeliveryPolicy.CONFLATE);
        assertThat(topic(config, "orders").conflateKey()).containsExactly("order_id", "type");
        assertThat(topic(config, "logs").batchMaxItems()).isEqualTo(500);
        assertThat(topic(config, "logs").windowMs()).isEqualTo(250);
        assertThat(topic(config, "logs").policy()).as("a built-in keeps its other defaults").isEqualTo(DeliveryPolicy.BATCH);
        assertThat(topic(config, "audit_trail").policy()).isEqualTo(DeliveryPolicy.BATCH);
        assertThat(config.transport().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void theVariableNameIsHubPlusUpperSnakeCase() {
        assertThat(ConfigLoader.envName("topics.logs.batch-max-items")).isEqualTo("HUB_TOPICS_LOGS_BATCH_MAX_ITEMS");
        assertThat(ConfigLoader.envName("heartbeat.interval-ms")).isEqualTo("HUB_HEARTBEAT_INTERVAL_MS");
    }

    @Test
    void badInputNamesTheKeyAndWhatWasExpected() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(yaml("colour: blue\n"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("colour: unknown key");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("port: 70000\n"), Map.of(), Map.of()))
                .hasMessage("port: expected 0..65535 but was 70000");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("heartbeat:\n  interval-ms: soon\n"), Map.of(), Map.of()))
                .hasMessage("heartbeat.interval-ms: expected a whole number but was 'soon'");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("topics:\n  logs:\n    policy: sometimes\n"), Map.of(), Map.of()))
                .hasMessageStartingWith("topics.logs.policy: expected one of immediate, batch, conflate");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("topics:\n  Bad-Name:\n    history: 3\n"), Map.of(), Map.of()))
                .hasMessageStartingWith("topics.Bad-Name.history: topic name must match");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("topics:\n  logs:\n    colour: red\n"), Map.of(), Map.of()))
                .hasMessageStartingWith("topics.logs.colour: unknown topic setting");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("topics:\n  feed:\n    policy: conflate\n"), Map.of(), Map.of()))
                .hasMessageStartingWith("topics.feed.conflate-key");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("heartbeat:\n  interval-ms: 5000\n  timeout-ms: 1000\n"),
                Map.of(), Map.of())).hasMessageStartingWith("heartbeat.timeout-ms: expected >= heartbeat.interval-ms");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_COLOUR", "blue"), Map.of()))
                .hasMessageStartingWith("environment variable HUB_COLOUR: not a hub setting");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("- just\n- a list\n"), Map.of(), Map.of()))
                .hasMessageContaining("expected a mapping");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("port: [1, 2]\n"), Map.of(), Map.of()))
                .hasMessage("port: expected a single value but was '[1, 2]'");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("port: 1\n  bad indentation: [\n"), Map.of(), Map.of()))
                .hasMessageStartingWith("cannot read config file");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of(), Map.of()))
                .hasMessageContaining("missing.yaml");
        assertThat(List.of(ConfigLoader.keys())).isNotEmpty();
    }
}
