package dev.realtimehub.core.topics;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.internal.FieldValues;
import java.util.List;
import java.util.Map;

/** Computes the key under which a conflate topic keeps only the latest event. */
public final class ConflationKey {

    private ConflationKey() {
    }

    /**
     * The key of {@code event} for the fields in {@code keyFields}: their values joined; {@code type} is the event type.
     * Events that lack a key field share the key of that field being absent.
     */
    public static String of(List<String> keyFields, Event event) {
        return of(keyFields, event.type(), event.fields());
    }

    /** The key of an event of {@code type} with {@code fields} (before it is accepted). */
    public static String of(List<String> keyFields, String type, Map<String, Object> fields) {
        if (keyFields.size() == 1) {
            return part(keyFields.get(0), type, fields);
        }
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < keyFields.size(); i++) {
            if (i > 0) {
                key.append('\u0000');
            }
            key.append(part(keyFields.get(i), type, fields));
        }
        return key.toString();
    }

    private static String part(String field, String type, Map<String, Object> fields) {
        if ("type".equals(field)) {
            return type;
        }
        String value = FieldValues.text(fields.get(field));
        return value == null ? "\u0001" : value;
    }
}
