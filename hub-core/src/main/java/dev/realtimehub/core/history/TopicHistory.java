package dev.realtimehub.core.history;

import dev.realtimehub.core.api.Event;

/**
 * The in-memory history of one topic.
 *
 * <p>Not thread-safe: the owner (the memory broker) guards each instance with the topic's lock, so that append and
 * delivery stay atomic.
 */
public interface TopicHistory {

    /** Records an accepted event; events arrive in increasing seq order. */
    void append(Event event);

    /** The events with {@code sinceSeq < seq <= upToSeq}, in seq order, and whether nothing in that range was evicted. */
    HistorySlice slice(long sinceSeq, long upToSeq);

    /** How many events history holds now. */
    int size();

    /** Every event it holds, in seq order (for snapshots such as the task list). */
    default HistorySlice all() {
        return slice(0, Long.MAX_VALUE);
    }
}
