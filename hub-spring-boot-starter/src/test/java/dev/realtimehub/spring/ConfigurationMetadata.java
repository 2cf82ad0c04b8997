package dev.realtimehub.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.bus.EventRoutes;
import dev.realtimehub.core.topics.BuiltinTopics;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.config.ConfigLoader;
import dev.realtimehub.server.config.SettingsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json} from the hub's own tables: every {@link Setting} of
 * {@link SettingsTable} with its type and default, the settings of every built-in topic with the topic's defaults, and
 * the descriptions of docs/CONFIG.md's rows. {@link ConfigurationMetadataTest} checks the committed file is what this
 * writes, so IDEs complete exactly the keys the hub accepts, described as the docs describe them.
 */
final class ConfigurationMetadata {

    /** The committed file, relative to the starter's directory. */
    static final Path FILE = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");
    static final Path CONFIG_DOC = Path.of("../docs/CONFIG.md");

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.<>_-]+)` \\|.*\\| ([^|]+) \\|$");
    private static final Pattern LINK = Pattern.compile("\\[([^]]+)]\\([^)]+\\)");

    private ConfigurationMetadata() {
    }

    /** The JSON the file must hold. */
    static String json() {
        Map<String, String> descriptions = descriptions();
        List<Map<String, Object>> properties = new ArrayList<>();
        for (SettingsTable.Binding<?> binding : SettingsTable.all()) {
            Setting<?> setting = binding.setting();
            properties.add(property(setting.key(), setting.defaultValue(), descriptions.get(setting.key())));
        }
        properties.add(property("topics", null, "Declares topics or overrides the built-in ones: "
                + "topics.<name>.{" + String.join(",", ConfigLoader.topicKeys()) + "}."));
        for (TopicConfig topic : BuiltinTopics.defaults().values()) {
            Map<String, Object> defaults = new LinkedHashMap<>();
            defaults.put("policy", topic.policy().configName());
            defaults.put("window-ms", topic.windowMs());
            defaults.put("batch-max-items", topic.batchMaxItems());
            defaults.put("conflate-key", topic.conflateKey());
            defaults.put("history", topic.history());
            defaults.put("roles", topic.roles());
            defaults.put("presence", topic.presence()); // presence (issue 18)
            defaults.put("join-leave", topic.joinLeave()); // presence (issue 18)
            defaults.put("channels", topic.channels()); // channels (issue 18)
            defaults.put("user-key", topic.userKey());
            defaults.put("channel-idle-ms", topic.channelIdleMs());
            for (String key : ConfigLoader.topicKeys()) {
                properties.add(property("topics." + topic.name() + "." + key, defaults.get(key),
                        descriptions.get("topics.<name>." + key)));
            }
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", RealtimeHubProperties.PREFIX);
        group.put("type", "dev.realtimehub.server.config.HubConfig");
        group.put("sourceType", RealtimeHubAutoConfiguration.class.getName());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("groups", List.of(group));
        root.put("properties", properties);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> property(String key, Object defaultValue, String description) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("name", RealtimeHubProperties.PREFIX + "." + key);
        property.put("type", type(key, defaultValue));
        property.put("description", description);
        property.put("sourceType", RealtimeHubAutoConfiguration.class.getName());
        if (defaultValue instanceof Number || defaultValue instanceof Boolean || defaultValue instanceof String) {
            property.put("defaultValue", defaultValue);
        } else if (defaultValue instanceof List<?> list && !list.isEmpty()) {
            property.put("defaultValue", list);
        }
        return property;
    }

    private static String type(String key, Object defaultValue) {
        if ("topics".equals(key)) {
            return "java.util.Map<java.lang.String,java.util.Map<java.lang.String,java.lang.String>>";
        }
        if (defaultValue instanceof EventRoutes) {
            return "java.util.List<java.util.Map<java.lang.String,java.lang.String>>";
        }
        if (defaultValue instanceof List<?>) {
            return "java.util.List<java.lang.String>";
        }
        return defaultValue == null ? String.class.getName() : defaultValue.getClass().getName();
    }

    /** The meaning column of every row of docs/CONFIG.md, by key, as plain text. */
    private static Map<String, String> descriptions() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(CONFIG_DOC)) {
                Matcher row = ROW.matcher(line.trim());
                if (row.matches()) {
                    String text = LINK.matcher(row.group(2).trim()).replaceAll("$1").replace("`", "");
                    out.put(row.group(1), Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Rewrites the committed file: {@code mvn -pl hub-spring-boot-starter test -Dtest=ConfigurationMetadataTest -Dmetadata.write}. */
    static void write() throws IOException {
        Files.writeString(FILE, json());
    }
}
