package dev.realtimehub.core.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.realtimehub.core.delivery.Frame;
import dev.realtimehub.core.internal.Json;
import dev.realtimehub.core.internal.Timestamps;
import java.io.IOException;
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
