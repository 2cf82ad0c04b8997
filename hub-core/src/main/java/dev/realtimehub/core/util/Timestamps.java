package dev.realtimehub.core.util;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats instants as the protocol's ISO-8601 UTC timestamps with milliseconds and {@code Z}. */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** The epoch milliseconds of a protocol timestamp, or 0 when it is not one. */
    public static long parse(String iso) {
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (java.time.DateTimeException | NullPointerException e) {
            return 0;
        }
    }

    /** {@code 2026-01-15T14:05:00.000Z} for the given epoch milliseconds. */
    public static String iso(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }
}
