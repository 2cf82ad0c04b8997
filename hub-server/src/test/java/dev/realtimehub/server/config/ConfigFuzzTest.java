package dev.realtimehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.realtimehub.server.testing.FuzzTries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the configuration loader ({@link ConfigLoader} with {@link YamlConfigFile} and every binding of
 * {@link SettingsTable}): arbitrary YAML files, and arbitrary {@code NAME=value} lines given as environment variables
 * ({@code HUB_…}) or as overrides by key (what the command-line flags and embedding code pass).
 *
 * <p>Properties: loading either succeeds or fails with a {@link ConfigException} — never another exception — whose
 * message starts by naming where the bad value is: the file (with line and column for a syntax error), the key, or
 * the environment variable or flag. Corpora: {@code ConfigFuzzTestInputs/<method>/}.
 */
class ConfigFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void yamlFile(byte[] input) throws Exception {
        Path file = Files.createTempFile("fuzz-hub", ".yaml");
        try {
            Files.write(file, input);
            assertLoadsOrNamesTheCulprit(() -> ConfigLoader.load(file, Map.of(), Map.of()), FuzzTries.preview(input));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void variablesAndOverrides(byte[] input) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", 50)) {
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = line.substring(0, equals);
            String value = line.substring(equals + 1);
            if (name.startsWith(ConfigLoader.ENV_PREFIX)) {
                env.put(name, value);
            } else {
                overrides.put(name, value);
            }
        }
        assertLoadsOrNamesTheCulprit(() -> ConfigLoader.load(null, env, overrides), env + " " + overrides);
    }

    @Test
    void yamlFileShortRun() {
        FuzzTries.run(getClass(), "yamlFile", this::yamlFile);
    }

    @Test
    void variablesAndOverridesShortRun() {
        FuzzTries.run(getClass(), "variablesAndOverrides", this::variablesAndOverrides);
    }

    private static void assertLoadsOrNamesTheCulprit(Runnable load, Object input) {
        try {
            load.run();
        } catch (ConfigException e) {
            String message = e.getMessage();
            assertThat(message).as("the error for %s", input).isNotBlank();
            assertThat(namesWhere(message)).as("the error '%s' for %s names a file, key, variable or flag", message,
                    input).isTrue();
        }
    }

    /** Whether the message starts with the file, a known key, a topic key, a variable or a flag. */
    private static boolean namesWhere(String message) {
        if (message.startsWith("config file ") || message.startsWith("cannot read config file ")
                || message.startsWith("environment variable " + ConfigLoader.ENV_PREFIX)
                || message.startsWith("flag --") || message.startsWith("topics.")) {
            return true;
        }
        for (String key : SettingsTable.keys()) {
            if (message.startsWith(key + ":") || message.startsWith(key + "[") || message.startsWith(key + " ")) {
                return true;
            }
        }
        // an unknown key is named as given, colons and all: "<key>: unknown key (known: …)"
        return message.contains(": unknown key (known: ");
    }
}
