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
     * One batch frame of {@code events[from, to)}; all of them must share the same user (or none).
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
        List<Event> items = List.copyOf(events.subList(from, to));
        // latency counts from the oldest item: the time it waited in the window is part of its delivery
        return new Frame(out.toByteArray(), first.seq(), events.get(to - 1).seq(), first.userId(), to - from,
                first.frame().acceptedNanos(), seq -> after(topic, items, seq, nowMillis));
    }

    /** The batch frame of the {@code items} (in seq order) with a seq above {@code seq}; at least the last one. */
    private static Frame after(String topic, List<Event> items, long seq, long nowMillis) {
        int from = 0;
        while (from < items.size() - 1 && items.get(from).seq() <= seq) {
            from++;
        }
        return of(topic, items, from, items.size(), nowMillis);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
