package dev.realtimehub.core.delivery;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.topics.ConflationKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The events one throttling window holds back: every one of them (batch), or the latest per key (conflate).
 *
 * <p>Not thread-safe: guarded by the owning {@link TopicDispatcher}'s lock.
 */
final class PendingWindow {

    private final List<String> conflateKey;
    private final ArrayList<Event> batch = new ArrayList<>();
    /** Insertion order is seq order: a replaced key is removed and put again at the end. */
    private final LinkedHashMap<String, Event> latest = new LinkedHashMap<>();

    /** A window that conflates by {@code conflateKey}, or keeps every event when it is empty. */
    PendingWindow(List<String> conflateKey) {
        this.conflateKey = conflateKey;
    }

    /**
     * Holds {@code event}.
     *
     * @return {@code true} if it replaced an older event with the same key
     */
    boolean add(Event event) {
        if (conflateKey.isEmpty()) {
            batch.add(event);
            return false;
        }
        String key = ConflationKey.of(conflateKey, event);
        boolean replaced = latest.remove(key) != null;
        latest.put(key, event);
        return replaced;
    }

    boolean isEmpty() {
        return batch.isEmpty() && latest.isEmpty();
    }

    /** Removes and returns every held event, in seq order. */
    List<Event> drain() {
        List<Event> events;
        if (conflateKey.isEmpty()) {
            events = new ArrayList<>(batch);
            batch.clear();
        } else {
            events = new ArrayList<>(latest.values());
            latest.clear();
        }
        return events;
    }
}
