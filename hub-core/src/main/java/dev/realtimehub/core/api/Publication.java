package dev.realtimehub.core.api;

import dev.realtimehub.core.internal.FieldValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An event to publish, before the hub gives it a seq and a timestamp: its {@code type}, its fields and its throttle choice.
 *
 * <p>Immutable and safe to share between threads. Field values are anything Jackson serialises (maps, lists, strings,
 * numbers, booleans, {@code null}, JSON trees). The names {@code type}, {@code topic}, {@code seq} and {@code timestamp}
 * are the envelope's and cannot be fields. A {@code user_id} field targets the event at that user's connections only.
 */
public final class Publication {

    /** Field names the envelope owns. */
    public static final Set<String> RESERVED_FIELDS = Set.of("type", "topic", "seq", "timestamp");

    private final String type;
    private final Map<String, Object> fields;
    private final Boolean throttle;

    private Publication(String type, Map<String, Object> fields, Boolean throttle) {
        this.type = type;
        this.fields = fields;
        this.throttle = throttle;
    }

    /** Starts a publication of the given event type. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** A publication of {@code type} with {@code fields}, the topic's policy deciding on throttling. */
    public static Publication of(String type, Map<String, ?> fields) {
        return builder(type).fields(fields).build();
    }

    /** The event type, e.g. {@code rule_change}. */
    public String type() {
        return type;
    }

    /** The event's fields in insertion order (unmodifiable). */
    public Map<String, Object> fields() {
        return fields;
    }

    /** {@code false}: send at once; {@code true}: merge into the topic's window; {@code null}: the topic's policy decides. */
    public Boolean throttle() {
        return throttle;
    }

    /** The same event with another throttle choice. */
    public Publication withThrottle(Boolean newThrottle) {
        return new Publication(type, fields, newThrottle);
    }

    /** The {@code user_id} this event is meant for, or {@code null} for everyone. */
    public String userId() {
        return FieldValues.text(fields.get("user_id"));
    }

    /** The publisher's idempotency id (the {@code id} field), or {@code null}. */
    public String id() {
        return FieldValues.text(fields.get("id"));
    }

    @Override
    public String toString() {
        return "Publication{type=" + type + ", fields=" + fields.keySet() + ", throttle=" + throttle + '}';
    }

    /** Builds a {@link Publication}; not thread-safe. */
    public static final class Builder {
        private final String type;
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private Boolean throttle;

        private Builder(String type) {
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("type must not be blank");
            }
            this.type = type;
        }

        /** Adds one field; a reserved name is refused. */
        public Builder field(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (RESERVED_FIELDS.contains(name)) {
                throw new IllegalArgumentException("field '" + name + "' is set by the hub");
            }
            fields.put(name, value);
            return this;
        }

        /** Adds every entry of {@code values}. */
        public Builder fields(Map<String, ?> values) {
            if (values != null) {
                values.forEach(this::field);
            }
            return this;
        }

        /** Sets the throttle choice ({@code null}: the topic's policy decides). */
        public Builder throttle(Boolean value) {
            this.throttle = value;
            return this;
        }

        /** The immutable publication. */
        public Publication build() {
            return new Publication(type, Collections.unmodifiableMap(new LinkedHashMap<>(fields)), throttle);
        }
    }
}
