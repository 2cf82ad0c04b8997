package dev.realtimehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleConfigTest {

    @Test
    void defaultsSampleEverySecondPublishInfoAndAboveAndFadeFinishedTasksAfterAMinute() {
        ConsoleSettings console = ConfigLoader.load(null, Map.of(), Map.of()).console();

        assertThat(console).isEqualTo(new ConsoleSettings(1_000, "INFO", 60_000));
    }

    @Test
    void theFileAndTheEnvironmentSetEveryKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hub.yaml"), String.join("\n",
                "metrics:", "  interval-ms: 250", "logs:", "  hub-level: warn", "console:", "  task-fade-ms: 5000"));

        ConsoleSettings console = ConfigLoader.load(file, Map.of("HUB_LOGS_HUB_LEVEL", "error"), Map.of()).console();

        assertThat(console).isEqualTo(new ConsoleSettings(250, "ERROR", 5_000));
    }

    @Test
    void badValuesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_METRICS_INTERVAL_MS", "10"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("environment variable HUB_METRICS_INTERVAL_MS: expected 50..60000");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_LOGS_HUB_LEVEL", "loud"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("environment variable HUB_LOGS_HUB_LEVEL: expected one of");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_CONSOLE_TASK_FADE_MS", "-1"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("environment variable HUB_CONSOLE_TASK_FADE_MS: expected 0..86400000");
    }
}
