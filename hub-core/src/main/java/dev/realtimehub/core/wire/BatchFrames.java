package dev.realtimehub.core.wire;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.util.Timestamps;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.realtimehub.core.api.Frame;

/**
 * Builds {@code batch} frames ({@code {"type":"batch","topic":…,"count":N,"items":[…],"timestamp":…}}) by splicing the
 * items' already-encoded bytes, so merging never re-encodes an event.
 */
public final class BatchFrames {

    private BatchFrames() {
    }

    /**
     * One batch frame of {@code events[from, to)}; all of them must share the same user (or none). The list must not
     * change afterwards: the frame keeps it, to be cut for a recipient that already has its first items
     * ({@link Frame#after}).
     *
     * @param topic a valid topic name (it needs no JSON escaping)
     */
    public static Frame of(String topic, List<Event> events, int from, int to, long nowMillis) {
        if (from >= to) {
            throw new IllegalArgumentException("empty batch");
        }
        int size = 96 + topic.length();
        for (int i = from; i < to; i++) {
            size += events.get(i).frame().size() + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(ascii("{\"type\":\"batch\",\"topic\":\"" + topic + "\",\"count\":" + (to - from) + ",\"items\":["));
        for (int i = from; i < to; i++) {
            if (i > from) {
                out.write(',');
            }
            out.writeBytes(events.get(i).frame().json());
        }
        out.writeBytes(ascii("],\"timestamp\":\"" + Timestamps.iso(nowMillis) + "\"}"));
        Event first = events.get(from);
        // latency counts from the oldest item: the time it waited in the window is part of its delivery
        return new Frame(out.toByteArray(), first.seq(), events.get(to - 1).seq(), first.userId(), to - from,
                first.frame().acceptedNanos(), seq -> after(topic, events, from, to, seq, nowMillis));
    }

    /** The batch frame of {@code events[from, to)} (in seq order) with a seq above {@code seq}; at least the last. */
    private static Frame after(String topic, List<Event> events, int from, int to, long seq, long nowMillis) {
        int first = from;
        while (first < to - 1 && events.get(first).seq() <= seq) {
            first++;
        }
        return of(topic, events, first, to, nowMillis);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
