package dev.realtimehub.core.topics;

import java.util.Locale;

/** How a topic sends the events of one throttling window. */
public enum DeliveryPolicy {
    /** Every event goes out at once. */
    IMMEDIATE,
    /** First event at once; the rest merged into {@code batch} frames when the window closes, none dropped. */
    BATCH,
    /** First event at once; the rest reduced to the latest per key when the window closes. */
    CONFLATE;

    /** The policy named {@code value} (case-insensitive); the message lists the choices. */
    public static DeliveryPolicy parse(String value) {
        if (value != null) {
            for (DeliveryPolicy policy : values()) {
                if (policy.name().equalsIgnoreCase(value.trim())) {
                    return policy;
                }
            }
        }
        throw new IllegalArgumentException("expected one of immediate, batch, conflate but was '" + value + "'");
    }

    /** The name used in config and in the stats endpoint. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
