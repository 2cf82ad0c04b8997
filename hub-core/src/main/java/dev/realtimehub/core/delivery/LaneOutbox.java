package dev.realtimehub.core.delivery;

import dev.realtimehub.core.spi.Lane;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fan-out queue of one lane: publishers on any thread enqueue (frame, recipients) pairs; one task on the lane writes
 * every frame queued so far to its recipients, then flushes each recipient once — so events that arrive together leave
 * in one system call per connection, and a publisher never waits for a socket.
 *
 * <p>Thread-safe for {@link #enqueue}; the drain state is confined to the lane.
 */
public final class LaneOutbox {

    /** Items written per lane task before yielding, so inbound I/O on the lane is not starved. */
    static final int MAX_ITEMS_PER_DRAIN = 1024;

    private final Lane lane;
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    /** Recipients written to in the current drain; lane only. */
    private final ArrayList<Recipient> dirty = new ArrayList<>();
    /** Frames offered to recipients so far; written on the lane only (a single writer), read from any thread. */
    private volatile long offered;

    /** An outbox draining on {@code lane}. */
    public LaneOutbox(Lane lane) {
        this.lane = Objects.requireNonNull(lane, "lane");
    }

    /** The lane this outbox drains on. */
    public Lane lane() {
        return lane;
    }

    /**
     * Queues {@code frame} of topic {@code topicIndex} for {@code recipients}; any thread, never blocks. The array is a
     * snapshot owned by the caller's copy-on-write structure and must not be modified afterwards.
     */
    public void enqueue(int topicIndex, Frame frame, Recipient[] recipients) {
        queue.offer(new Item(topicIndex, frame, recipients));
        if (scheduled.compareAndSet(false, true)) {
            lane.execute(drainTask);
        }
    }

    private void drain() {
        int written = 0;
        long deliveries = 0;
        Item item;
        while (written < MAX_ITEMS_PER_DRAIN && (item = queue.poll()) != null) {
            for (Recipient recipient : item.recipients) {
                if (recipient.offer(item.topicIndex, item.frame)) {
                    dirty.add(recipient);
                }
            }
            deliveries += item.recipients.length;
            written++;
        }
        offered += deliveries; // one volatile write per drain, not per frame
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
        scheduled.set(false);
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            lane.execute(drainTask);
        }
    }

    /**
     * Frames offered to this lane's connections since it started, one per recipient (a batch frame counts once); a
     * recipient may still refuse a few (it just left, or the event is meant for another user). Any thread.
     */
    public long offered() {
        return offered;
    }

    /** Frames queued and not yet written (for stats). */
    public int backlog() {
        return queue.size();
    }

    private record Item(int topicIndex, Frame frame, Recipient[] recipients) {
    }
}
