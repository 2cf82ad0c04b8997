package dev.realtimehub.core.topics;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.internal.FieldValues;
import java.util.List;

/** Computes the key under which a conflate topic keeps only the latest event. */
public final class ConflationKey {

    private ConflationKey() {
    }

    /**
     * The key of {@code event} for the fields in {@code keyFields}: their values joined; {@code type} is the event type.
     * Events that lack a key field share the key of that field being absent.
     */
    public static String of(List<String> keyFields, Event event) {
        if (keyFields.size() == 1) {
            return part(keyFields.get(0), event);
        }
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < keyFields.size(); i++) {
            if (i > 0) {
                key.append('\u0000');
            }
            key.append(part(keyFields.get(i), event));
        }
        return key.toString();
    }

    private static String part(String field, Event event) {
        if ("type".equals(field)) {
            return event.type();
        }
        String value = FieldValues.text(event.fields().get(field));
        return value == null ? "\u0001" : value;
    }
}
