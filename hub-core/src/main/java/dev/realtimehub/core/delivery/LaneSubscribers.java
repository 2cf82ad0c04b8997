package dev.realtimehub.core.delivery;

import java.util.Arrays;
import java.util.IdentityHashMap;
import dev.realtimehub.core.api.Frame;

/**
 * The subscribers of one topic on one lane, kept so that subscribing costs O(1) amortised and fan-out hands the lane an
 * immutable view without copying.
 *
 * <p>The view given to the outbox is a prefix {@code [0, size)} of the slot array; a subscribe appends past every view
 * already handed out, so those stay valid. An unsubscribe only marks the recipient: its slot stays (the recipient
 * itself refuses frames of a topic it left) until too many slots are dead, then a compaction builds a new array — old
 * views keep the old one.
 *
 * <p>Not thread-safe: guarded by the owning {@link TopicDispatcher}'s lock.
 */
final class LaneSubscribers {

    private static final int INITIAL = 8;

    private final LaneOutbox outbox;
    private Recipient[] slots = new Recipient[INITIAL];
    private int size;
    private int live;
    /** Every recipient in a slot: {@code true} while subscribed, {@code false} once it left (a dead slot). */
    private final IdentityHashMap<Recipient, Boolean> inSlots = new IdentityHashMap<>();

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
        Boolean state = inSlots.get(recipient);
        if (state == Boolean.TRUE) {
            return false;
        }
        inSlots.put(recipient, Boolean.TRUE);
        live++;
        if (state == null) {
            if (size == slots.length) {
                rebuild(Math.max(INITIAL, live * 2));
            }
            slots[size++] = recipient;
        }
        return true;
    }

    /** Removes {@code recipient}; false if it was not subscribed. */
    boolean remove(Recipient recipient) {
        if (inSlots.get(recipient) != Boolean.TRUE) {
            return false;
        }
        inSlots.put(recipient, Boolean.FALSE);
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
            if (inSlots.get(recipient) == Boolean.TRUE) {
                fresh[n++] = recipient;
            } else {
                inSlots.remove(recipient);
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
