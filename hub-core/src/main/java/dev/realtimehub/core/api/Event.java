package dev.realtimehub.core.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.util.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * An accepted event: a {@link Publication} with its topic, seq and timestamp, encoded once as the frame every subscriber
 * receives ({@code {"type":…,"topic":…,"seq":…,…fields,"timestamp":…}}).
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Event {

    private final String topic;
    private final long seq;
    private final long timestampMillis;
    private final Publication publication;
    private final Frame frame;

    private Event(String topic, long seq, long timestampMillis, Publication publication, Frame frame) {
        this.topic = topic;
        this.seq = seq;
        this.timestampMillis = timestampMillis;
        this.publication = publication;
        this.frame = frame;
    }

    /** Accepts {@code publication} on {@code topic} as event {@code seq} at {@code timestampMillis} and encodes it. */
    public static Event accept(String topic, long seq, long timestampMillis, Publication publication) {
        if (seq <= 0) {
            throw new IllegalArgumentException("seq must be positive, was " + seq);
        }
        byte[] json = Json.encode(g -> write(g, topic, seq, timestampMillis, publication));
        return new Event(topic, seq, timestampMillis, publication,
                new Frame(json, seq, seq, publication.userId()));
    }

    /**
     * An event a remote broker accepted, from its encoded JSON: the bytes become the frame as they are (never
     * re-encoded); the fields are read back for targeting and conflation.
     *
     * @param throttle the publisher's throttle choice, which the JSON does not carry
     * @throws IllegalArgumentException when {@code json} is not an event of the envelope's shape
     */
    public static Event decode(byte[] json, Boolean throttle) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an event: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject() || !tree.path("seq").canConvertToLong() || !tree.path("type").isTextual()
                || !tree.path("topic").isTextual()) {
            throw new IllegalArgumentException("not an event: " + new String(json, StandardCharsets.UTF_8));
        }
        Publication.Builder publication = Publication.builder(tree.get("type").textValue()).throttle(throttle);
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!Publication.RESERVED_FIELDS.contains(field.getKey())) {
                publication.field(field.getKey(), field.getValue());
            }
        }
        long seq = tree.get("seq").asLong();
        long millis = Timestamps.parse(tree.path("timestamp").asText());
        Publication built = publication.build();
        return new Event(tree.get("topic").textValue(), seq, millis, built,
                new Frame(json, seq, seq, built.userId()));
    }

    /**
     * The event's JSON split around its seq, for a broker that assigns the seq elsewhere (a Redis script splices
     * {@code head + seq + tail}).
     *
     * @return {head, tail} as UTF-8 text
     */
    public static String[] template(String topic, long timestampMillis, Publication publication) {
        String json = new String(Json.encode(g -> write(g, topic, 0, timestampMillis, publication)), StandardCharsets.UTF_8);
        // the envelope's seq follows "type" and "topic", whose quotes and values cannot contain an unescaped "seq":0
        int at = json.indexOf("\"seq\":0,");
        return new String[] {json.substring(0, at + 6), json.substring(at + 7)};
    }

    private static void write(JsonGenerator g, String topic, long seq, long millis, Publication publication)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("type", publication.type());
        g.writeStringField("topic", topic);
        g.writeNumberField("seq", seq);
        for (Map.Entry<String, Object> field : publication.fields().entrySet()) {
            g.writeFieldName(field.getKey());
            g.writeObject(field.getValue());
        }
        g.writeStringField("timestamp", Timestamps.iso(millis));
        g.writeEndObject();
    }

    /** The topic the event was published on. */
    public String topic() {
        return topic;
    }

    /** Its seq within the topic's epoch. */
    public long seq() {
        return seq;
    }

    /** When the hub accepted it. */
    public long timestampMillis() {
        return timestampMillis;
    }

    /** Its type, e.g. {@code log}. */
    public String type() {
        return publication.type();
    }

    /** Its fields (unmodifiable). */
    public Map<String, Object> fields() {
        return publication.fields();
    }

    /** The publisher's throttle choice, or {@code null}. */
    public Boolean throttle() {
        return publication.throttle();
    }

    /** The user it targets, or {@code null} for everyone. */
    public String userId() {
        return frame.userId();
    }

    /** The publication it came from. */
    public Publication publication() {
        return publication;
    }

    /** The encoded frame, shared by every recipient. */
    public Frame frame() {
        return frame;
    }

    @Override
    public String toString() {
        return "Event{" + topic + '#' + seq + ' ' + publication.type() + '}';
    }
}
