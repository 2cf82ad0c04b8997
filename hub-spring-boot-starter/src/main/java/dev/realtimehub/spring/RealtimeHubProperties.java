package dev.realtimehub.spring;

import dev.realtimehub.server.config.ConfigException;
import dev.realtimehub.server.config.ConfigLoader;
import dev.realtimehub.server.config.HubConfig;
import dev.realtimehub.server.config.SettingsTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reads the {@code realtime-hub.*} properties of a Spring environment into a {@link HubConfig}: every key of
 * docs/CONFIG.md under the prefix, in any of Spring's relaxed forms ({@code realtime-hub.limits.outbound-soft-bytes},
 * {@code realtime-hub.limits.outboundSoftBytes}, {@code REALTIMEHUB_LIMITS_OUTBOUNDSOFTBYTES}), lists as
 * {@code key[0]=…} or comma-separated, {@code bus.routes[0].prefix=…} as a list of mappings.
 *
 * <p>The values are not checked here: they go, by their hub key, through the same {@link SettingsTable} and
 * {@link ConfigLoader} as the hub's YAML file, so a bad value or an unknown key fails with the hub's own message, named
 * with the prefix: {@code realtime-hub.heartbeat.interval-ms: expected a whole number but was 'often'}. Stateless.
 */
public final class RealtimeHubProperties {

    /** The prefix of every property the starter reads. */
    public static final String PREFIX = "realtime-hub";

    private static final String TOPICS = "topics";

    private RealtimeHubProperties() {
    }

    /**
     * The hub's config from {@code environment}'s {@code realtime-hub.*} properties (the defaults for the rest).
     *
     * @throws RealtimeHubPropertiesException naming the property, for a bad value or an unknown key
     */
    public static HubConfig bind(ConfigurableEnvironment environment) {
        Map<String, Object> values = read(environment);
        try {
            return ConfigLoader.load(null, Map.of(), values);
        } catch (ConfigException e) {
            throw new RealtimeHubPropertiesException(PREFIX + "." + e.getMessage(), e);
        }
    }

    /** The raw values by hub key ({@code limits.outbound-soft-bytes}); a source earlier in the environment wins. */
    static Map<String, Object> read(ConfigurableEnvironment environment) {
        Map<String, String> plainKeys = new HashMap<>();
        SettingsTable.keys().forEach(key -> plainKeys.put(uniform(key), key));
        Map<String, String> topicKeys = new HashMap<>();
        ConfigLoader.topicKeys().forEach(key -> topicKeys.put(uniform(key), key));
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            Map<String, Object> fromSource = new LinkedHashMap<>();
            Map<String, TreeMap<Integer, Object>> lists = new LinkedHashMap<>();
            iterable.stream().filter(RealtimeHubProperties::underPrefix).forEach(name -> {
                ConfigurationProperty property = source.getConfigurationProperty(name);
                if (property == null) {
                    return;
                }
                Object value = property.getValue();
                if (value instanceof String text) {
                    value = environment.resolveRequiredPlaceholders(text);
                }
                collect(name, value, plainKeys, topicKeys, fromSource, lists);
            });
            lists.forEach((key, items) -> fromSource.put(key, new ArrayList<>(items.values())));
            fromSource.forEach(values::putIfAbsent);
        }
        return values;
    }

    private static boolean underPrefix(ConfigurationPropertyName name) {
        return name.getNumberOfElements() > 1 && uniform(PREFIX).equals(name.getElement(0, Form.UNIFORM));
    }

    /** Files one property under its hub key: a plain value, or an item (or an item's field) of a list. */
    private static void collect(ConfigurationPropertyName name, Object value, Map<String, String> plainKeys,
                                Map<String, String> topicKeys, Map<String, Object> values,
                                Map<String, TreeMap<Integer, Object>> lists) {
        int end = 1;
        while (end < name.getNumberOfElements() && !name.isNumericIndex(end)) {
            end++;
        }
        String key = hubKey(name, end, plainKeys, topicKeys);
        if (end == name.getNumberOfElements()) {
            values.put(key, value);
            return;
        }
        int index = Integer.parseInt(name.getElement(end, Form.UNIFORM));
        TreeMap<Integer, Object> items = lists.computeIfAbsent(key, k -> new TreeMap<>());
        if (end + 1 == name.getNumberOfElements()) {
            items.put(index, value);
            return;
        }
        // a field of a list item: bus.routes[0].prefix
        StringBuilder field = new StringBuilder();
        for (int i = end + 1; i < name.getNumberOfElements(); i++) {
            field.append(field.length() == 0 ? "" : ".").append(name.getElement(i, Form.DASHED));
        }
        Object item = items.computeIfAbsent(index, i -> new LinkedHashMap<String, Object>());
        if (item instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            fields.put(field.toString(), value);
        }
    }

    /**
     * The hub key that elements {@code 1..end} of {@code name} spell: a known key matched the way Spring matches
     * (ignoring case and dashes), a topic's setting keeping the topic's name, or else the name as written, which the
     * loader then refuses as unknown.
     */
    private static String hubKey(ConfigurationPropertyName name, int end, Map<String, String> plainKeys,
                                 Map<String, String> topicKeys) {
        List<String> uniform = new ArrayList<>();
        List<String> dashed = new ArrayList<>();
        for (int i = 1; i < end; i++) {
            uniform.add(name.getElement(i, Form.UNIFORM));
            dashed.add(name.getElement(i, Form.DASHED));
        }
        String known = plainKeys.get(String.join(".", uniform));
        if (known != null) {
            return known;
        }
        if (uniform.size() == 3 && TOPICS.equals(uniform.get(0))) {
            String setting = topicKeys.get(uniform.get(2));
            String topic = name.getElement(2, Form.ORIGINAL).toLowerCase(Locale.ROOT);
            return TOPICS + "." + topic + "." + (setting != null ? setting : dashed.get(2));
        }
        return String.join(".", dashed);
    }

    /** A dotted key as Spring compares names: lower case, letters and digits only in each element. */
    private static String uniform(String key) {
        List<String> elements = new ArrayList<>();
        for (String element : key.split("\\.")) {
            elements.add(element.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
        }
        return String.join(".", elements);
    }
}
