package dev.realtimehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        Path client = repoRoot().resolve("clients/python");
        assertThat(client.resolve("tests")).isDirectory();
        try (HubProcess hub = HubProcess.start("--config", config.toString(), "--port", "0")) {
            int port = hub.port();
            ProcessBuilder python = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "tests", "-v")
                    .directory(client.toFile())
                    .redirectErrorStream(true);
            python.environment().put("REALTIME_HUB_URL", "http://127.0.0.1:" + port);
            python.environment().put("REALTIME_HUB_API_KEY", API_KEY);
            python.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process process = python.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            boolean ended = process.waitFor(180, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String text = output.get(10, TimeUnit.SECONDS);
            System.out.println(text);
            assertThat(ended).as("python3 -m unittest ended within 180 s").isTrue();
            assertThat(process.exitValue()).as("python3 -m unittest exit code; output:\n%s", text).isZero();
            Matcher ran = RAN.matcher(text);
            assertThat(ran.find()).as("unittest says how many tests ran; output:\n%s", text).isTrue();
            assertThat(Integer.parseInt(ran.group(1))).as("tests run").isPositive();
            assertThat(text).contains("\nOK");
        }
    }

    private static Path repoRoot() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read the output: " + e + ")";
        }
    }
}
