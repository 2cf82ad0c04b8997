package dev.realtimehub.bench.jmh;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import java.util.ArrayList;
import java.util.List;

/** The events the JMH benchmarks publish: shaped like the load generator's, {@code payloadBytes} of JSON each. */
final class BenchEvents {

    /** A fixed wall-clock time, so encodings do not vary with the clock. */
    static final long NOW_MILLIS = 1_768_485_900_000L;

    private BenchEvents() {
    }

    /**
     * A publication of about {@code payloadBytes} of JSON: {@code bench_seq}, {@code bench_ts} and padding.
     *
     * @param fromHttp field values as Jackson trees, as {@code POST /api/publish} hands them to the hub; otherwise plain
     *     Java values, as an embedding application does
     */
    static Publication publication(int payloadBytes, boolean fromHttp) {
        int padding = Math.max(0, payloadBytes - 80);
        String message = "x".repeat(padding);
        Publication.Builder builder = Publication.builder("bench");
        if (fromHttp) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            builder.field("bench_seq", nodes.numberNode(123_456L))
                    .field("bench_ts", nodes.numberNode(1_768_485_900_123_456L))
                    .field("message", nodes.textNode(message));
        } else {
            builder.field("bench_seq", 123_456L).field("bench_ts", 1_768_485_900_123_456L).field("message", message);
        }
        return builder.build();
    }

    /** {@code count} accepted events of {@code topic}, seqs from 1. */
    static List<Event> events(String topic, int count, int payloadBytes) {
        Publication publication = publication(payloadBytes, true);
        List<Event> events = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            events.add(Event.accept(topic, i, NOW_MILLIS, publication));
        }
        return events;
    }
}
