package dev.realtimehub.core.history;

import dev.realtimehub.core.api.Event;
import java.util.List;

/**
 * A piece of a topic's history: the events after a seq, in seq order, whether history still reached back that far, and
 * where the topic stood when it was read.
 *
 * @param events the events, in seq order
 * @param complete {@code false} when events after the asked seq were already evicted, so the slice has a hole
 * @param headSeq the topic's last assigned seq when the slice was read (0 when unknown to the store)
 * @param epoch the epoch those seqs belong to (null when unknown to the store)
 */
public record HistorySlice(List<Event> events, boolean complete, long headSeq, String epoch) {

    public HistorySlice {
        events = List.copyOf(events);
    }

    /** A slice of a store that does not know the topic's head. */
    public HistorySlice(List<Event> events, boolean complete) {
        this(events, complete, 0, null);
    }

    /** The same slice with the topic's head seq and epoch. */
    public HistorySlice at(long head, String headEpoch) {
        return new HistorySlice(events, complete, head, headEpoch);
    }

    /** An incomplete, empty slice. */
    public static HistorySlice incomplete() {
        return new HistorySlice(List.of(), false);
    }
}
