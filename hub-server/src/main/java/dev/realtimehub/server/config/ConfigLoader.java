package dev.realtimehub.server.config;

import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.topics.BuiltinTopics;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.core.topics.TopicNames;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a {@link HubConfig} from a YAML file, environment variables and command-line overrides, in that order of
 * increasing precedence (a flag beats a variable beats the file beats the default).
 *
 * <p>Keys are dotted ({@code heartbeat.interval-ms}, {@code topics.logs.batch-max-items}); the variable for a key is
 * {@code HUB_} plus the key in upper snake case. An unknown key or a bad value fails with a {@link ConfigException}
 * naming the key, or the variable or flag the bad value came from. Stateless and thread-safe.
 *
 * <p>{@code bus.routes} lists where event bus events go, tried in order, the first whose prefix starts the event's name
 * winning; an event no route takes goes to {@code system}, and a route with the prefix {@code ""} takes every event. The
 * list replaces the default routes. In YAML it is a list of mappings ({@code throttle} is optional: {@code true} merges
 * into the topic's window, {@code false} sends at once, absent lets the topic's policy decide):
 *
 * <pre>
 * bus:
 *   routes:
 *     - {prefix: FORWARD_, topic: stats, throttle: true}
 *     - {prefix: AUDIT_, topic: audit}
 * </pre>
 *
 * <p>In {@code HUB_BUS_ROUTES} (and as YAML list items) it is a comma-separated list of
 * {@code PREFIX=TOPIC[:throttle|:immediate]}, e.g. {@code FORWARD_=stats:throttle,LOG_=logs:throttle,ALERT_=alerts}.
 * Errors name the entry, counted from 0: {@code bus.routes[2].topic: unknown topic 'x'}.
 */
public final class ConfigLoader {

    /** Prefix of the environment variables the hub reads. */
    public static final String ENV_PREFIX = Setting.ENV_PREFIX;

    private static final Map<String, TopicSetter> TOPIC_KEYS = new LinkedHashMap<>();

    static {
        TOPIC_KEYS.put("policy", (t, k, v) -> t.policy(policy(k, v)));
        TOPIC_KEYS.put("window-ms", (t, k, v) -> t.windowMs(ConfigValues.number(k, v)));
        TOPIC_KEYS.put("batch-max-items", (t, k, v) -> t.batchMaxItems(ConfigValues.integer(k, v)));
        TOPIC_KEYS.put("conflate-key", (t, k, v) -> t.conflateKey(ConfigValues.list(k, v)));
        TOPIC_KEYS.put("history", (t, k, v) -> t.history(ConfigValues.integer(k, v)));
        TOPIC_KEYS.put("roles", (t, k, v) -> t.roles(ConfigValues.list(k, v)));
        // --- presence (issue 18) ---
        TOPIC_KEYS.put("presence", (t, k, v) -> t.presence(ConfigValues.bool(k, v)));
        TOPIC_KEYS.put("join-leave", (t, k, v) -> t.joinLeave(ConfigValues.bool(k, v)));
        // --- end presence ---
        // channels (issue 18)
        TOPIC_KEYS.put("channels", (t, k, v) -> t.channels(ConfigValues.bool(k, v)));
        TOPIC_KEYS.put("user-key", (t, k, v) -> t.userKey(ConfigValues.bool(k, v)));
        TOPIC_KEYS.put("channel-idle-ms", (t, k, v) -> t.channelIdleMs(ConfigValues.number(k, v)));
    }

    private ConfigLoader() {
    }

    /** Every plain (non-topic) key, for docs and error messages. */
    public static List<String> keys() {
        return SettingsTable.keys();
    }

    /** The settings of a topic, the last element of {@code topics.<name>.<setting>}: {@code policy}, {@code window-ms}, … */
    public static List<String> topicKeys() {
        return List.copyOf(TOPIC_KEYS.keySet());
    }

    /**
     * Loads the config; an error names the key, or the variable when the bad value came from the environment.
     *
     * @param file a YAML file, or null
     * @param env the environment (only {@code HUB_*} entries are read)
     * @param overrides values set in code or from command-line flags, by key
     */
    public static HubConfig load(Path file, Map<String, String> env, Map<String, ?> overrides) {
        return load(file, env, overrides, Map.of());
    }

    /**
     * Loads the config as {@link #load(Path, Map, Map)} does, naming the flag when a bad value came from one.
     *
     * @param flags the command-line flag that set each override, by key ({@code port} → {@code --port}); an override
     *     without one is named by its key
     */
    public static HubConfig load(Path file, Map<String, String> env, Map<String, ?> overrides, Map<String, String> flags) {
        Map<String, Object> values = new TreeMap<>();
        // where a value came from when that is not its key: "environment variable HUB_PORT", "flag --port"
        Map<String, String> origins = new HashMap<>();
        if (file != null) {
            values.putAll(YamlConfigFile.read(file));
        }
        fromEnv(env, values, origins);
        overrides.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
                if (flags.containsKey(k)) {
                    origins.put(k, "flag " + flags.get(k));
                } else {
                    origins.remove(k);
                }
            }
        });
        try {
            return build(values, origins);
        } catch (ConfigException e) {
            throw named(e, origins);
        }
    }

    /**
     * The error with its leading key replaced by where the value came from: {@code port: …} becomes
     * {@code environment variable HUB_PORT: …}; an entry of a list keeps its index,
     * {@code environment variable HUB_BUS_ROUTES (bus.routes[2].topic): …}.
     */
    private static ConfigException named(ConfigException e, Map<String, String> origins) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        if (colon <= 0) {
            return e;
        }
        String named = message.substring(0, colon);
        if (origins.containsKey(named)) {
            return new ConfigException(origins.get(named) + message.substring(colon), e.getCause());
        }
        for (Map.Entry<String, String> origin : origins.entrySet()) {
            String key = origin.getKey();
            if (named.startsWith(key + "[") || named.startsWith(key + ".")) {
                return new ConfigException(origin.getValue() + " (" + named + ")" + message.substring(colon), e.getCause());
            }
        }
        return e;
    }

    private static void fromEnv(Map<String, String> env, Map<String, Object> values, Map<String, String> origins) {
        Map<String, String> names = new LinkedHashMap<>();
        for (SettingsTable.Binding<?> binding : SettingsTable.all()) {
            names.put(binding.setting().envName(), binding.key());
        }
        for (Map.Entry<String, String> entry : env.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = names.get(name);
            if (key == null) {
                key = topicKeyFromEnv(name);
            }
            if (key == null) {
                key = RetiredSettings.keyOfEnv(name);
            }
            if (key == null) {
                throw new ConfigException("environment variable " + name + ": not a hub setting (known: "
                        + String.join(", ", names.keySet()) + ", HUB_TOPICS_<NAME>_<SETTING>)");
            }
            values.put(key, entry.getValue());
            origins.put(key, "environment variable " + name);
        }
    }

    private static String topicKeyFromEnv(String name) {
        String topicsPrefix = ENV_PREFIX + "TOPICS_";
        if (!name.startsWith(topicsPrefix)) {
            return null;
        }
        String rest = name.substring(topicsPrefix.length());
        for (String setting : TOPIC_KEYS.keySet()) {
            String suffix = "_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                return "topics." + rest.substring(0, rest.length() - suffix.length()).toLowerCase(Locale.ROOT) + "." + setting;
            }
        }
        return null;
    }

    /** The environment variable for {@code key}: {@code HUB_} + upper snake case. */
    public static String envName(String key) {
        return Setting.envName(key);
    }

    private static HubConfig build(Map<String, Object> values, Map<String, String> origins) {
        HubConfig.Builder builder = HubConfig.builder();
        Map<String, TopicConfig.Builder> topics = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("topics.")) {
                applyTopic(topics, key, entry.getValue());
                continue;
            }
            if (RetiredSettings.isRetired(key)) {
                RetiredSettings.warn(key, origins.getOrDefault(key, key));
                continue;
            }
            SettingsTable.Binding<?> binding = SettingsTable.find(key);
            if (binding == null) {
                throw new ConfigException(key + ": unknown key (known: " + String.join(", ", SettingsTable.keys())
                        + ", topics.<name>.{" + String.join(",", TOPIC_KEYS.keySet()) + "})");
            }
            if (entry.getValue() == null) {
                throw new ConfigException(key + ": expected a value but was empty");
            }
            try {
                binding.apply(builder, entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }
        try {
            topics.values().forEach(t -> builder.topic(t.build()));
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static void applyTopic(Map<String, TopicConfig.Builder> topics, String key, Object value) {
        String rest = key.substring("topics.".length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
            throw new ConfigException(key + ": expected topics.<name>.<setting>");
        }
        String name = rest.substring(0, dot);
        String setting = rest.substring(dot + 1);
        if (!TopicNames.isValid(name)) {
            throw new ConfigException(key + ": topic name must match [a-z][a-z0-9_]* but was '" + name + "'");
        }
        TopicSetter setter = TOPIC_KEYS.get(setting);
        if (setter == null) {
            throw new ConfigException(key + ": unknown topic setting (known: " + String.join(", ", TOPIC_KEYS.keySet()) + ")");
        }
        if (value == null) {
            throw new ConfigException(key + ": expected a value but was empty");
        }
        TopicConfig.Builder topic = topics.computeIfAbsent(name, n -> {
            TopicConfig builtin = BuiltinTopics.defaults().get(n);
            return builtin != null ? builtin.toBuilder() : TopicConfig.builder(n);
        });
        try {
            setter.apply(topic, key, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static DeliveryPolicy policy(String key, Object value) {
        String name = ConfigValues.string(key, value);
        try {
            return DeliveryPolicy.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface TopicSetter {
        void apply(TopicConfig.Builder topic, String key, Object value);
    }
}
