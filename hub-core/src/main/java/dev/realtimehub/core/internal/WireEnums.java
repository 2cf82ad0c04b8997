package dev.realtimehub.core.internal;

import java.util.Locale;
import java.util.StringJoiner;

/** Reads and writes enum constants under their wire names: the constant's name in lower case. Stateless. */
public final class WireEnums {

    private WireEnums() {
    }

    /** The wire name of {@code constant}, e.g. {@code toggled}. */
    public static String wireName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} whose wire name is {@code value} (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming {@code parameter} and listing the choices
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {
        if (value != null) {
            String wanted = value.trim();
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(wanted)) {
                    return constant;
                }
            }
        }
        StringJoiner choices = new StringJoiner(", ");
        for (E constant : type.getEnumConstants()) {
            choices.add(wireName(constant));
        }
        throw new IllegalArgumentException(parameter + ": expected one of " + choices + " but was "
                + (value == null ? "null" : "'" + value + "'"));
    }
}
