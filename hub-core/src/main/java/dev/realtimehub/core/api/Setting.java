package dev.realtimehub.core.api;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One configuration setting, defined once: its key, its default, the values it accepts and the error that names it.
 *
 * <p>The type that consumes a setting declares it as a constant ({@code TransportSettings.PORT}, {@code
 * Limits.MAX_SUBSCRIPTIONS}) and validates with {@link #check}; the server's settings table lists every constant, and
 * the YAML file, the environment ({@link #envName()}), the command-line flags and the builders all go through it. So a
 * key is spelled, defaulted, bounded and worded in exactly one place.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    /** Prefix of the environment variables the hub reads. */
    public static final String ENV_PREFIX = "HUB_";

    private final String key;
    private final T defaultValue;
    private final Function<Object, T> parser;
    private final Predicate<T> valid;
    private final String expected;
    private final boolean quoted;
    /** A secret's value never appears in an error. */
    private final boolean secret;

    private Setting(String key, T defaultValue, Function<Object, T> parser, Predicate<T> valid, String expected,
                    boolean quoted) {
        this(key, defaultValue, parser, valid, expected, quoted, false);
    }

    private Setting(String key, T defaultValue, Function<Object, T> parser, Predicate<T> valid, String expected,
                    boolean quoted, boolean secret) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.valid = valid;
        this.expected = expected;
        this.quoted = quoted;
        this.secret = secret;
        if (defaultValue != null && !valid.test(defaultValue)) {
            throw new IllegalStateException(key + ": the default " + defaultValue + " is not " + expected);
        }
    }

    /** A whole number within {@code min..max} (an open end when {@code max} is {@link Integer#MAX_VALUE}). */
    public static Setting<Integer> ofInt(String key, int defaultValue, int min, int max) {
        return new Setting<>(key, defaultValue, raw -> integer(key, raw), v -> v >= min && v <= max,
                range(min, max, Integer.MAX_VALUE), false);
    }

    /** A whole number within {@code min..max} (an open end when {@code max} is {@link Long#MAX_VALUE}). */
    public static Setting<Long> ofLong(String key, long defaultValue, long min, long max) {
        return new Setting<>(key, defaultValue, raw -> number(key, raw), v -> v >= min && v <= max,
                range(min, max, Long.MAX_VALUE), false);
    }

    /** {@code true} or {@code false} (also yes/no, on/off, 1/0 where a string is given). */
    public static Setting<Boolean> ofBoolean(String key, boolean defaultValue) {
        return new Setting<>(key, defaultValue, raw -> bool(key, raw), v -> true, "true or false", false);
    }

    /**
     * A single text value that {@code valid} accepts (a {@code null} default means unset).
     *
     * @param expected what is accepted, for the error: {@code "1-64 of [A-Za-z0-9_.-]"}
     */
    public static Setting<String> ofString(String key, String defaultValue, Predicate<String> valid, String expected) {
        return new Setting<>(key, defaultValue, raw -> string(key, raw), v -> v == null || valid.test(v), expected,
                true);
    }

    /** A list of text values that {@code valid} accepts: a YAML list, or comma-separated. */
    public static Setting<List<String>> ofList(String key, List<String> defaultValue, Predicate<List<String>> valid,
                                               String expected) {
        return new Setting<>(key, defaultValue, raw -> list(key, raw), v -> v == null || valid.test(v), expected,
                false);
    }

    /** A file, unset by default. */
    public static Setting<Path> ofPath(String key) {
        return new Setting<>(key, null, raw -> path(key, raw), v -> true, "a file", true);
    }

    /**
     * A value of its own shape, read from the raw config value by {@code parser}, which is given the key to name in its
     * errors.
     */
    public static <V> Setting<V> of(String key, V defaultValue, BiFunction<String, Object, V> parser) {
        return new Setting<>(key, defaultValue, raw -> parser.apply(key, raw), v -> true, "a valid value", false);
    }

    /** Replaces the description of what is accepted: {@code ">= 0 (0: no limit)"}. */
    public Setting<T> describedAs(String description) {
        return new Setting<>(key, defaultValue, parser, valid, description, quoted, secret);
    }

    /** The same setting holding a secret (a key, a password): its errors say what is expected, never the value. */
    public Setting<T> secret() {
        return new Setting<>(key, defaultValue, parser, valid, expected, quoted, true);
    }

    /** The dotted key: {@code heartbeat.interval-ms}. */
    public String key() {
        return key;
    }

    /** The default, or {@code null} when the setting is unset by default. */
    public T defaultValue() {
        return defaultValue;
    }

    /** What the setting accepts, as its errors say it: {@code 0..65535}. */
    public String expected() {
        return expected;
    }

    /** The environment variable: {@code HUB_} + the key in upper snake case. */
    public String envName() {
        return envName(key);
    }

    /** The environment variable of any key: {@code HUB_} + the key in upper snake case. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Returns {@code value} if the setting accepts it.
     *
     * @throws IllegalArgumentException {@code "key: expected … but was …"}
     */
    public T check(T value) {
        if (!valid.test(value)) {
            throw new IllegalArgumentException(key + ": expected " + expected + (secret ? ""
                    : " but was " + (quoted ? "'" + value + "'" : String.valueOf(value))));
        }
        return value;
    }

    /**
     * Reads a raw config value (a YAML scalar or list, or a string from the environment or a flag) and checks it.
     *
     * @throws IllegalArgumentException naming the key, when the value has the wrong shape or is not accepted
     */
    public T parse(Object raw) {
        return check(parser.apply(raw));
    }

    @Override
    public String toString() {
        return key;
    }

    private static String range(long min, long max, long open) {
        return max == open ? ">= " + min : min + ".." + max;
    }

    private static String string(String key, Object value) {
        if (value instanceof Map || value instanceof List) {
            throw bad(key, "a single value", value);
        }
        return String.valueOf(value).trim();
    }

    /** A path the file system can name; one it cannot (a NUL in it) is this key's error, not the JDK's bare words. */
    private static Path path(String key, Object value) {
        String text = string(key, value);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw bad(key, "a file path (" + e.getReason() + ")", text.replace("\0", "\\0"));
        }
    }

    private static long number(String key, Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        try {
            return Long.parseLong(string(key, value).replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, "a whole number", value);
        }
    }

    private static int integer(String key, Object value) {
        long number = number(key, value);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw bad(key, "a whole number that fits in 32 bits", value);
        }
        return (int) number;
    }

    private static boolean bool(String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (string(key, value).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(key, "true or false", value);
        };
    }

    /** A list: a YAML list, or a comma-separated string (blank entries dropped). */
    private static List<String> list(String key, Object value) {
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

    private static IllegalArgumentException bad(String key, String expected, Object value) {
        return new IllegalArgumentException(key + ": expected " + expected + " but was '" + value + "'");
    }
}
