package dev.realtimehub.core.delivery;

import java.util.Arrays;
import java.util.IdentityHashMap;
import dev.realtimehub.core.api.Frame;

/**
 * The subscribers of one topic on one lane, kept so that subscribing costs O(1) amortised and fan-out hands the lane an
 * immutable view without copying.
 *
 * <p>The view given to the outbox is a prefix {@code [0, size)} of the slot array; a subscribe appends past every view
 * already handed out, so those stay valid. An unsubscribe clears its slot to {@code null}, which the outbox skips: a
 * view queued before it loses nothing it was owed (the recipient itself refuses frames of a topic it left), and a
 * closed connection is not kept reachable by the slot array of every topic it was on until the next compaction. When
 * too many slots are empty, a compaction builds a new array — old views keep the old one.
 *
 * <p>Not thread-safe: guarded by the owning {@link TopicDispatcher}'s lock.
 */
final class LaneSubscribers {

    private static final int INITIAL = 8;

    private final LaneOutbox outbox;
    private Recipient[] slots = new Recipient[INITIAL];
    private int size;
    private int live;
    /** Every subscribed recipient and the index of its slot. */
    private final IdentityHashMap<Recipient, Integer> slotOf = new IdentityHashMap<>();

    LaneSubscribers(LaneOutbox outbox) {
        this.outbox = outbox;
    }

    LaneOutbox outbox() {
        return outbox;
    }

    /** Subscribed recipients. */
    int live() {
        return live;
    }

    /** Adds {@code recipient}; false if it already was subscribed. */
    boolean add(Recipient recipient) {
        if (slotOf.containsKey(recipient)) {
            return false;
        }
        if (size == slots.length) {
            rebuild(Math.max(INITIAL, (live + 1) * 2));
        }
        slotOf.put(recipient, size);
        slots[size++] = recipient;
        live++;
        return true;
    }

    /** Removes {@code recipient}; false if it was not subscribed. */
    boolean remove(Recipient recipient) {
        Integer slot = slotOf.remove(recipient);
        if (slot == null) {
            return false;
        }
        // a plain store read by the lane without a lock: it sees the recipient (which refuses the frame) or null
        slots[slot] = null;
        live--;
        if (size >= 32 && live * 2 < size) {
            rebuild(Math.max(INITIAL, live * 2));
        }
        return true;
    }

    /** Queues {@code frame} for every subscriber on the lane. */
    void fanOut(int topicIndex, Frame frame) {
        if (live > 0) {
            outbox.enqueue(topicIndex, frame, slots, size);
        }
    }

    /** A new slot array holding only the live recipients; views already handed out keep the old array. */
    private void rebuild(int capacity) {
        Recipient[] fresh = new Recipient[Math.max(capacity, live + 1)];
        int n = 0;
        for (int i = 0; i < size; i++) {
            Recipient recipient = slots[i];
            if (recipient != null) {
                slotOf.put(recipient, n);
                fresh[n++] = recipient;
            }
        }
        slots = fresh;
        size = n;
    }

    @Override
    public String toString() {
        return "LaneSubscribers{live=" + live + ", slots=" + Arrays.toString(Arrays.copyOf(slots, Math.min(size, 4))) + "…}";
    }
}
