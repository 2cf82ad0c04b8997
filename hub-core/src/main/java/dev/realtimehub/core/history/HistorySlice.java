package dev.realtimehub.core.history;

import dev.realtimehub.core.api.Event;
import java.util.List;

/**
 * A piece of a topic's history: the events after a seq, in seq order, and whether history still reached back that far.
 *
 * @param events the events, in seq order
 * @param complete {@code false} when events after the asked seq were already evicted, so the slice has a hole
 */
public record HistorySlice(List<Event> events, boolean complete) {

    public HistorySlice {
        events = List.copyOf(events);
    }

    /** An incomplete, empty slice. */
    public static HistorySlice incomplete() {
        return new HistorySlice(List.of(), false);
    }
}
