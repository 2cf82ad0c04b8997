package dev.realtimehub.core.broker;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The publication ids a topic accepted within the idempotency window, with the seq each got, so a retried publish is
 * answered with its original seq instead of being delivered twice. At most {@link #MAX_IDS} are kept (the oldest go
 * first).
 *
 * <p>Not thread-safe: guarded by the owning topic's lock.
 */
final class AcceptedIds {

    /** The most ids remembered per topic. */
    static final int MAX_IDS = 100_000;

    private final long windowMs;
    /** Insertion order is acceptance order, so expired ids are at the head. */
    private final LinkedHashMap<String, long[]> ids = new LinkedHashMap<>();

    AcceptedIds(long windowMs) {
        this.windowMs = windowMs;
    }

    /** The seq {@code id} was accepted with inside the window, or null. */
    Long seqOf(String id, long nowMillis) {
        expire(nowMillis);
        long[] entry = ids.get(id);
        return entry == null ? null : entry[0];
    }

    /** Remembers that {@code id} was accepted as {@code seq}. */
    void remember(String id, long seq, long nowMillis) {
        ids.put(id, new long[] {seq, nowMillis + windowMs});
        if (ids.size() > MAX_IDS) {
            Iterator<Map.Entry<String, long[]>> oldest = ids.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void expire(long nowMillis) {
        Iterator<Map.Entry<String, long[]>> it = ids.entrySet().iterator();
        while (it.hasNext() && it.next().getValue()[1] <= nowMillis) {
            it.remove();
        }
    }
}
