package dev.realtimehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.api.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each setting has one home: one definition read by the builder, the YAML file, the environment and the docs. */
class SettingsTableTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Every setting at its default, given through the flags' overrides and through its environment variable. */
    @Test
    void theBuilderStartsAtEverySettingsDefault() {
        HubConfig built = HubConfig.builder().build();
        for (SettingsTable.Binding<?> binding : SettingsTable.all()) {
            Object value = binding.setting().defaultValue();
            if (value == null) {
                continue; // unset by default: nothing to give the loader
            }
            Object raw = value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                    : value instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : value;
            if (binding.setting() == (Setting<?>) HubConfig.BUS_ROUTES) {
                continue; // a list of routes has no one-line form to give back; EventRoutesConfig tests cover it
            }
            HubConfig loaded = ConfigLoader.load(null, Map.of(), Map.of(binding.key(), raw));
            assertThat(loaded).as("%s set to its default %s", binding.key(), raw)
                    .usingRecursiveComparison().isEqualTo(built);
            String variable = binding.setting().envName();
            assertThat(ConfigLoader.envName(binding.key())).isEqualTo(variable);
            HubConfig fromEnv = ConfigLoader.load(null, Map.of(variable, String.valueOf(raw)), Map.of());
            assertThat(fromEnv).as("%s=%s", variable, raw).usingRecursiveComparison().isEqualTo(built);
        }
    }

    @Test
    void everyKeyHasItsRowInConfigMdWithItsDefault() throws IOException {
        List<String> rows = Files.readAllLines(ROOT.resolve("docs/CONFIG.md"));
        for (SettingsTable.Binding<?> binding : SettingsTable.all()) {
            List<String> matching = rows.stream().filter(row -> row.startsWith("| `" + binding.key() + "` |")).toList();
            assertThat(matching).as("docs/CONFIG.md rows for %s", binding.key()).hasSize(1);
            Object value = binding.setting().defaultValue();
            if (value instanceof Number || value instanceof Boolean) {
                assertThat(matching.get(0)).as("docs/CONFIG.md states the default of %s", binding.key())
                        .contains("`" + value + "`");
            }
        }
    }

    @Test
    void everyKeyIsSpelledOnceInTheSources() {
        Map<String, List<String>> spelled = new java.util.TreeMap<>();
        List<Path> sources = mainSources();
        assertThat(sources).as("main sources of every module").hasSizeGreaterThan(100);
        for (Path source : sources) {
            String text = read(source);
            for (String key : SettingsTable.keys()) {
                Matcher literal = Pattern.compile("\"" + Pattern.quote(key) + "\"").matcher(text);
                while (literal.find()) {
                    spelled.computeIfAbsent(key, k -> new ArrayList<>()).add(ROOT.relativize(source).toString());
                }
            }
        }
        assertThat(spelled.keySet()).as("keys found as literals").containsExactlyInAnyOrderElementsOf(SettingsTable.keys());
        assertThat(spelled.entrySet().stream().filter(e -> e.getValue().size() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .as("keys spelled as a literal more than once").isEmpty();
    }

    private static List<Path> mainSources() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
