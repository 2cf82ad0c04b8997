package dev.realtimehub.server.config;

import dev.realtimehub.core.api.Setting;
import java.util.List;

/**
 * Converts raw values of keys that are not fixed settings (a topic's settings, the entries of {@code bus.routes}) the
 * way {@link Setting} converts its own: the same shapes accepted, the same errors.
 */
final class ConfigValues {

    private ConfigValues() {
    }

    static String string(String key, Object value) {
        return Setting.ofString(key, null, v -> true, "a single value").parse(value);
    }

    static long number(String key, Object value) {
        return Setting.ofLong(key, 0, Long.MIN_VALUE, Long.MAX_VALUE).parse(value);
    }

    static int integer(String key, Object value) {
        return Setting.ofInt(key, 0, Integer.MIN_VALUE, Integer.MAX_VALUE).parse(value);
    }

    static boolean bool(String key, Object value) {
        return Setting.ofBoolean(key, false).parse(value);
    }

    /** A list: a YAML list, or a comma-separated string (blank entries dropped). */
    static List<String> list(String key, Object value) {
        return Setting.ofList(key, List.of(), v -> true, "a list").parse(value);
    }

    static ConfigException bad(String key, String expected, Object value) {
        return new ConfigException(key + ": expected " + expected + " but was '" + value + "'");
    }
}
