package dev.realtimehub.redis;

import dev.realtimehub.core.api.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * One read of a topic's history script: the head seq and epoch when it ran, how far a conflate topic's history was
 * evicted, the last seq the read covers ({@code upTo}: the asked bound, or the head when that was lower), and the
 * events in (since, upTo] in seq order.
 *
 * <p>Immutable.
 */
record HistoryRead(long head, String epoch, long evicted, long upTo, List<Event> events) {

    HistoryRead {
        events = List.copyOf(events);
    }

    /**
     * The part of this read that one asked for ({@code since}, {@code upTo}]: this read must cover it — it began at or
     * before {@code since} and reaches at least {@code upTo} (or the head, for a negative {@code upTo}).
     */
    HistoryRead slice(long since, long upTo) {
        long to = upTo < 0 ? this.upTo : Math.min(upTo, this.upTo);
        List<Event> kept = new ArrayList<>();
        for (Event event : events) {
            if (event.seq() > since && event.seq() <= to) {
                kept.add(event);
            }
        }
        return new HistoryRead(head, epoch, evicted, to, kept);
    }
}
