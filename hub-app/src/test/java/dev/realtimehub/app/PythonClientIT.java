package dev.realtimehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python client's unittest suite (clients/python/tests) run against the packaged jar, so the default build
 * fails when the client and the hub disagree. The hub requires an API key, so the 401 tests mean something.
 */
class PythonClientIT {

    private static final String API_KEY = "python-client-it-key-0123456789";
    private static final Pattern RAN = Pattern.compile("^Ran (\\d+) tests? in ", Pattern.MULTILINE);

    @Test
    void thePythonClientsTestsPassAgainstARealHub(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("hub.yaml");
        Files.writeString(config, "api-keys:\n  - " + API_KEY + "\n");
        Path client = ClientRun.repoRoot().resolve("clients/python");
        assertThat(client.resolve("tests")).isDirectory();
        try (HubProcess hub = HubProcess.start("--config", config.toString(), "--port", "0")) {
            int port = hub.port();
            ProcessBuilder python = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "tests", "-v")
                    .directory(client.toFile());
            python.environment().put("REALTIME_HUB_URL", "http://127.0.0.1:" + port);
            python.environment().put("REALTIME_HUB_API_KEY", API_KEY);
            python.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            ClientRun run = ClientRun.of(python, Duration.ofSeconds(180));
            String text = run.output();
            assertThat(run.ended()).as("python3 -m unittest ended within 180 s").isTrue();
            assertThat(run.exitCode()).as("python3 -m unittest exit code; output:\n%s", text).isZero();
            Matcher ran = RAN.matcher(text);
            assertThat(ran.find()).as("unittest says how many tests ran; output:\n%s", text).isTrue();
            assertThat(Integer.parseInt(ran.group(1))).as("tests run").isPositive();
            assertThat(text).contains("\nOK");
        }
    }
}
