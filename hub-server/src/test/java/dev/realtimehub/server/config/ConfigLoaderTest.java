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
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of(), Map.of()))
                .hasMessageContaining("missing.yaml");
        assertThat(List.of(ConfigLoader.keys())).isNotEmpty();
    }

    @Test
    void aFileOfOnlyCommentsIsAnEmptyConfig() throws Exception {
        HubConfig commented = ConfigLoader.load(yaml("# realtime-hub: nothing set yet\n# port: 9000\n"), Map.of(), Map.of());
        HubConfig empty = ConfigLoader.load(yaml(""), Map.of(), Map.of());
        HubConfig defaults = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(commented).isEqualTo(defaults);
        assertThat(empty).isEqualTo(defaults);
    }

    @Test
    void aYamlSyntaxErrorGivesTheLineAndColumn() throws Exception {
        Path indented = yaml("host: 127.0.0.1\nport: 8000\n   x: 5\n");
        assertThatThrownBy(() -> ConfigLoader.load(indented, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + indented + " line 3, column 5: mapping values are not allowed here");
        Path unclosed = yaml("topics:\n  orders:\n    policy: 'batch\n");
        assertThatThrownBy(() -> ConfigLoader.load(unclosed, Map.of(), Map.of()))
                .as("the problem is at the end; where the quote opened is worth knowing too")
                .hasMessage("config file " + unclosed + " line 4, column 1: found unexpected end of stream"
                        + " (while scanning a quoted scalar from line 3, column 13)");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotSilentlyOverwritten() throws Exception {
        Path nestedAndDotted = yaml("publish:\n  max-wait-ms: 5\npublish.max-wait-ms: 7\n");
        assertThatThrownBy(() -> ConfigLoader.load(nestedAndDotted, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + nestedAndDotted + ": publish.max-wait-ms is given twice"
                        + " (nested and dotted); keep one");
        Path deeper = yaml("topics.logs:\n  history: 5\ntopics:\n  logs:\n    history: 7\n");
        assertThatThrownBy(() -> ConfigLoader.load(deeper, Map.of(), Map.of()))
                .hasMessage("config file " + deeper + ": topics.logs.history is given twice (nested and dotted); keep one");
        Path repeated = yaml("port: 8000\nhost: 0.0.0.0\nport: 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(repeated, Map.of(), Map.of()))
                .hasMessageStartingWith("config file " + repeated + " line 3, column ")
                .hasMessageEndingWith(": Duplicate field 'port'");
        assertThat(ConfigLoader.load(yaml("publish:\n  max-wait-ms: 5\npublish.max-queued-bytes: 8388608\n"), Map.of(),
                Map.of()).publishLimits()).as("siblings written both ways are fine")
                .isEqualTo(new PublishLimits(8_388_608, 5));
    }

    @Test
    void aBadValueFromTheEnvironmentOrAFlagNamesTheVariableOrTheFlag() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_PORT", "70000"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable HUB_PORT: expected 0..65535 but was 70000");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_HEARTBEAT_INTERVAL_MS", "often"), Map.of()))
                .hasMessage("environment variable HUB_HEARTBEAT_INTERVAL_MS: expected a whole number but was 'often'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_TOPICS_LOGS_HISTORY", "-1"), Map.of()))
                .hasMessage("environment variable HUB_TOPICS_LOGS_HISTORY: expected 0..1000000 but was -1");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("port: 9000\n"), Map.of("HUB_PORT", "9100"), Map.of("port", 70000),
                Map.of("port", "--port"))).hasMessage("flag --port: expected 0..65535 but was 70000");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("port: 70000\n"), Map.of(), Map.of()))
                .as("a value from the file is named by its key").hasMessage("port: expected 0..65535 but was 70000");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("port", 70000)))
                .as("an override that is no flag (embedding code) too").hasMessage("port: expected 0..65535 but was 70000");
        assertThat(ConfigLoader.load(null, Map.of("HUB_PORT", "70000"), Map.of("port", 9000), Map.of("port", "--port"))
                .transport().port()).as("a flag replaces a bad variable").isEqualTo(9000);
    }

    @Test
    void aFilePathTheFileSystemCannotNameIsRefusedNamingTheVariable() {
        // found by ConfigFuzzTest (corpus: finding-nul-in-a-file-path): the JDK's "Nul character not allowed" alone
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_TLS_KEY_FILE", "key\0.pem"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable HUB_TLS_KEY_FILE: expected a file path (Nul character"
                        + " not allowed) but was 'key\\0.pem'");
    }
}
