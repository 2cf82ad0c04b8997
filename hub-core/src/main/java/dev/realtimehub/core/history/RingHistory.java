package dev.realtimehub.core.history;

import dev.realtimehub.core.api.Event;
import java.util.ArrayList;
import java.util.List;

/** The last N events of an immediate or batch topic, in a ring buffer. Not thread-safe (see {@link TopicHistory}). */
public final class RingHistory implements TopicHistory {

    private final Event[] ring;
    private int head;
    private int size;
    /** The highest seq that has been evicted (0 while nothing was). */
    private long evictedUpTo;

    /** A history that keeps the last {@code capacity} events (0 keeps none). */
    public RingHistory(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
        }
        this.ring = new Event[capacity];
    }

    @Override
    public void append(Event event) {
        if (ring.length == 0) {
            evictedUpTo = event.seq();
            return;
        }
        int tail = (head + size) % ring.length;
        if (size == ring.length) {
            evictedUpTo = ring[head].seq();
            ring[head] = event;
            head = (head + 1) % ring.length;
        } else {
            ring[tail] = event;
            size++;
        }
    }

    @Override
    public HistorySlice slice(long sinceSeq, long upToSeq) {
        boolean complete = sinceSeq >= evictedUpTo;
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Event event = ring[(head + i) % ring.length];
            if (event.seq() > sinceSeq && event.seq() <= upToSeq) {
                events.add(event);
            }
        }
        return new HistorySlice(events, complete);
    }

    @Override
    public int size() {
        return size;
    }
}
