package dev.realtimehub.server.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Converts raw config values (YAML scalars and lists, or strings from the environment and the command line). */
final class ConfigValues {

    private ConfigValues() {
    }

    static String string(String key, Object value) {
        if (value instanceof Map || value instanceof List) {
            throw bad(key, "a single value", value);
        }
        return String.valueOf(value).trim();
    }

    static long number(String key, Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        try {
            return Long.parseLong(string(key, value).replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, "a whole number", value);
        }
    }

    static int integer(String key, Object value) {
        long number = number(key, value);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw bad(key, "a whole number that fits in 32 bits", value);
        }
        return (int) number;
    }

    static boolean bool(String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = string(key, value).toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(key, "true or false", value);
        };
    }

    /** A list: a YAML list, or a comma-separated string (blank entries dropped). */
    static List<String> list(String key, Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                out.add(string(key, item));
            }
        } else if (value != null) {
            Arrays.stream(string(key, value).split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    static ConfigException bad(String key, String expected, Object value) {
        return new ConfigException(key + ": expected " + expected + " but was '" + value + "'");
    }
}
