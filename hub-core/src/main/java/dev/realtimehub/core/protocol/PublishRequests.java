package dev.realtimehub.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.util.Texts;
import dev.realtimehub.core.topics.TopicCatalog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code POST /api/publish}: one event {@code {"topic","type",…fields,"throttle"?}} or an array of
 * them. Every event is checked before any is published, so a bad request publishes nothing.
 *
 * <p>Stateless and thread-safe.
 */
public final class PublishRequests {

    /** The most events one request may carry. */
    public static final int MAX_EVENTS = 10_000;

    private PublishRequests() {
    }

    /** One event to publish on one topic. */
    public record Request(String topic, Publication publication) {
    }

    /**
     * The events in {@code body}, all valid and on known topics.
     *
     * @throws PublishException naming the first problem (and the index of the event in an array)
     */
    public static List<Request> parse(JsonNode body, TopicCatalog topics) {
        if (body == null || body.isMissingNode()) {
            throw new PublishException("Empty body: expected an event object or an array of them");
        }
        if (body.isArray()) {
            if (body.isEmpty()) {
                throw new PublishException("Empty array: expected at least one event");
            }
            if (body.size() > MAX_EVENTS) {
                throw new PublishException("Too many events: at most " + MAX_EVENTS + " per request");
            }
            List<Request> requests = new ArrayList<>(body.size());
            for (int i = 0; i < body.size(); i++) {
                try {
                    requests.add(one(body.get(i), topics));
                } catch (PublishException e) {
                    throw new PublishException("Event " + i + ": " + e.getMessage());
                }
            }
            return requests;
        }
        return List.of(one(body, topics));
    }

    private static Request one(JsonNode event, TopicCatalog topics) {
        if (!event.isObject()) {
            throw new PublishException("Expected an event object but got " + kind(event));
        }
        String topic = text(event, "topic");
        String refusal = topics.refusal(topic);
        if (refusal != null) {
            throw new PublishException(refusal);
        }
        Publication.Builder builder = Publication.builder(text(event, "type"));
        Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "topic", "type" -> { }
                case "throttle" -> builder.throttle(throttle(field.getValue()));
                case "user_id" -> builder.field("user_id", userId(field.getValue()));
                case "seq", "timestamp" -> throw new PublishException(
                        "Field '" + field.getKey() + "' is assigned by the hub and cannot be published");
                default -> builder.field(field.getKey(), field.getValue());
            }
        }
        return new Request(topic, builder.build());
    }

    private static Boolean throttle(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new PublishException("Field 'throttle' must be true, false or null but was " + kind(value));
        }
        return value.booleanValue();
    }

    /** A user id names a user as text: an array, an object, a boolean or a blank string would reach nobody. */
    private static JsonNode userId(JsonNode value) {
        if (value.isNull() || value.isNumber() || value.isTextual() && !value.textValue().isBlank()) {
            return value;
        }
        throw new PublishException("Field 'user_id' must be a non-empty string, a number or null but was " + kind(value));
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            throw new PublishException("Missing field '" + field + "'");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new PublishException("Field '" + field + "' must be a non-empty string but was " + kind(value));
        }
        return value.textValue();
    }

    /** How an error names the kind of {@code node}: "a string", "an array", … */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String clip(String value) {
        return Texts.clip(value, 64);
    }
}
