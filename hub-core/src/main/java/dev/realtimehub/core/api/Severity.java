package dev.realtimehub.core.api;

import dev.realtimehub.core.internal.WireEnums;

/**
 * How serious an alert is, the {@code severity} of an {@code alert} event; immutable.
 */
public enum Severity {
    /** For information only. */
    INFO,
    /** Worth a look; the default of the old system. */
    WARNING,
    /** Something failed. */
    ERROR,
    /** Something failed and needs someone now. */
    CRITICAL;

    /** The name on the wire: {@code info}, {@code warning}, {@code error} or {@code critical}. */
    public String wireName() {
        return WireEnums.wireName(this);
    }

    /**
     * The severity named {@code value}, case-insensitive.
     *
     * @throws IllegalArgumentException naming {@code severity} and the choices
     */
    public static Severity parse(String value) {
        return WireEnums.parse(Severity.class, "severity", value);
    }
}
