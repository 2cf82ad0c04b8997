package dev.realtimehub.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.server.config.ConfigException;
import dev.realtimehub.server.config.ConfigLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/CONFIG.md states every numeric bound the hub enforces, as the hub states it: {@code 1..60000}, or
 * {@code ≥ 1024} for the hub's {@code >= 1024}. The bounds are not listed here: each key is probed with values the hub
 * refuses, and the bound is read from the error ({@code port: expected 0..65535 but was -2147483648}).
 */
class DocumentedBoundsTest {

    /** Values that break a lower bound, and one that passes the usual {@code >= 1024} but not a bound above it. */
    private static final List<String> PROBES = List.of(String.valueOf(Integer.MIN_VALUE), "0", "1024");
    private static final Pattern BOUND = Pattern.compile("^(\\S+): expected (\\d+\\.\\.\\d+|>=? [\\w.-]+)");
    private static final String TOPIC = "logs";

    @TestFactory
    Stream<DynamicTest> configMdStatesEveryBoundTheHubEnforces() {
        Map<String, Set<String>> bounds = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(ConfigLoader.keys());
        for (String setting : List.of("window-ms", "batch-max-items", "history")) {
            keys.add("topics." + TOPIC + "." + setting);
        }
        for (String key : keys) {
            for (String probe : PROBES) {
                String bound = bound(key, probe);
                if (bound != null) {
                    bounds.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(bound);
                }
            }
        }
        assertThat(bounds).as("bounds found by probing").containsKeys("port", "publish.max-body-bytes");
        List<String> doc = DocFiles.lines(DocFiles.file("docs/CONFIG.md"));
        return bounds.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            String documented = entry.getKey().replace("topics." + TOPIC + ".", "topics.<name>.");
            String row = doc.stream().filter(line -> line.startsWith("| `" + documented + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/CONFIG.md has no row for " + documented));
            for (String bound : entry.getValue()) {
                assertThat(row.replace("`", "")).as("docs/CONFIG.md, %s", documented).contains(bound);
            }
        }));
    }

    /** The bound named when {@code key} is set to {@code value}, as CONFIG.md writes it; null when the value passes. */
    private static String bound(String key, String value) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("redis.uri", "redis://localhost:6379"); // the redis.* keys are checked only when Redis is used
        overrides.put(key, value);
        try {
            ConfigLoader.load(null, Map.of(), overrides);
            return null;
        } catch (ConfigException e) {
            Matcher matcher = BOUND.matcher(e.getMessage());
            if (!matcher.find() || !matcher.group(1).equals(key)) {
                return null; // not a numeric bound of this key (a wrong type, another key's rule)
            }
            return matcher.group(2).replace(">= ", "≥ ");
        }
    }
}
