package dev.realtimehub.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.bus.EventBus;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.util.Texts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the body of {@code POST /api/events}: one event-bus event {@code {"event":NAME,"data":…}} or an array of them.
 * Every event is checked before any is emitted, so a bad request emits nothing; the limits and the wording are those of
 * {@link PublishRequests}.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventRequests {

    private EventRequests() {
    }

    /**
     * One event to emit on the bus.
     *
     * @param name a valid event name ({@link EventBus#isValidName})
     * @param data the data as plain Java values, as Jackson reads JSON into {@code Object} ({@code Map}, {@code List},
     *     {@code String}, a {@code Number}, {@code Boolean}) or null: what an in-process emitter would pass
     */
    public record Request(String name, Object data) {
    }

    /**
     * The events in {@code body}, all with a valid name.
     *
     * @throws PublishException naming the first problem (and the index of the event in an array, counted from 0)
     */
    public static List<Request> parse(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw new PublishException("Empty body: expected an event object or an array of them");
        }
        if (body.isArray()) {
            if (body.isEmpty()) {
                throw new PublishException("Empty array: expected at least one event");
            }
            if (body.size() > PublishRequests.MAX_EVENTS) {
                throw new PublishException("Too many events: at most " + PublishRequests.MAX_EVENTS + " per request");
            }
            List<Request> requests = new ArrayList<>(body.size());
            for (int i = 0; i < body.size(); i++) {
                try {
                    requests.add(one(body.get(i)));
                } catch (PublishException e) {
                    throw new PublishException("Event " + i + ": " + e.getMessage());
                }
            }
            return requests;
        }
        return List.of(one(body));
    }

    private static Request one(JsonNode event) {
        if (!event.isObject()) {
            throw new PublishException("Expected an event object but got " + PublishRequests.kind(event));
        }
        Iterator<String> fields = event.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("event") && !field.equals("data")) {
                throw new PublishException("Unknown field '" + Texts.clip(field, 64)
                        + "': an event has only 'event' and 'data'");
            }
        }
        JsonNode name = event.get("event");
        if (name == null || name.isNull()) {
            throw new PublishException("Missing field 'event'");
        }
        if (!name.isTextual() || name.textValue().isBlank()) {
            throw new PublishException("Field 'event' must be a non-empty string but was "
                    + PublishRequests.kind(name));
        }
        if (!EventBus.isValidName(name.textValue())) {
            throw new PublishException("Field 'event' must be an event name (" + EventBus.NAME_RULE + ", at most "
                    + EventBus.MAX_NAME_LENGTH + " characters) but was '" + Texts.clip(name.textValue(), 64) + "'");
        }
        JsonNode data = event.get("data");
        return new Request(name.textValue(), data == null ? null : Json.mapper().convertValue(data, Object.class));
    }
}
