package dev.realtimehub.core.history;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.topics.ConflationKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current state of a conflate topic: the latest event per key, at most N keys (the least recently updated key goes
 * first). Not thread-safe (see {@link TopicHistory}).
 */
public final class KeyedHistory implements TopicHistory {

    private final List<String> keyFields;
    private final int maxKeys;
    /** Insertion order is update order, so iteration is in increasing seq order. */
    private final LinkedHashMap<String, Event> latest = new LinkedHashMap<>();
    /** The highest seq of an entry evicted for lack of room (0 while none was). */
    private long evictedUpTo;

    /** A state that keeps the latest event of at most {@code maxKeys} keys built from {@code keyFields}. */
    public KeyedHistory(List<String> keyFields, int maxKeys) {
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException("keyFields must not be empty");
        }
        this.keyFields = List.copyOf(keyFields);
        this.maxKeys = maxKeys;
    }

    @Override
    public void append(Event event) {
        String key = ConflationKey.of(keyFields, event);
        latest.remove(key);
        latest.put(key, event);
        if (latest.size() > maxKeys) {
            Iterator<Map.Entry<String, Event>> oldest = latest.entrySet().iterator();
            evictedUpTo = Math.max(evictedUpTo, oldest.next().getValue().seq());
            oldest.remove();
        }
    }

    /** The latest event per key with {@code sinceSeq < seq <= upToSeq}, in seq order: the state that changed since. */
    @Override
    public HistorySlice slice(long sinceSeq, long upToSeq) {
        List<Event> events = new ArrayList<>();
        for (Event event : latest.values()) {
            if (event.seq() > sinceSeq && event.seq() <= upToSeq) {
                events.add(event);
            }
        }
        return new HistorySlice(events, sinceSeq >= evictedUpTo);
    }

    @Override
    public int size() {
        return latest.size();
    }
}
