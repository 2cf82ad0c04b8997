package dev.realtimehub.core.delivery;

import dev.realtimehub.core.spi.Lane;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.realtimehub.core.api.Frame;

/**
 * The fan-out queue of one lane: publishers on any thread enqueue (frame, recipients) pairs; one task on the lane writes
 * every frame queued so far to its recipients, then flushes each recipient once — so events that arrive together leave
 * in one system call per connection, and a publisher never waits for a socket. Consecutive frames for the same
 * recipients (a topic's events) are written connection by connection, so each connection is visited once per burst.
 *
 * <p>Thread-safe for {@link #enqueue} and {@link #afterQueued}; the drain state and the {@link LaneCounters} writes are
 * confined to the lane.
 */
public final class LaneOutbox {

    /** Items written per lane task before yielding, so inbound I/O on the lane is not starved. */
    static final int MAX_ITEMS_PER_DRAIN = 1024;
    /**
     * Payload bytes past which a run ends (the next frame starts another): a run is written to a connection at once, so
     * this keeps one write well under the outbound soft limit, and the buffer a transport may share for it small.
     */
    static final int MAX_RUN_BYTES = 64 * 1024;

    private final Lane lane;
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    /** Recipients written to in the current drain; lane only. */
    private final ArrayList<Recipient> dirty = new ArrayList<>();
    /** Consecutive frames for the same recipients, delivered together; lane only. */
    private final ArrayList<Item> run = new ArrayList<>();
    /** The frames of {@link #run}, handed to the recipients; lane only. */
    private Frame[] runFrames = new Frame[16];
    private final LaneCounters counters;
    private final FanOutBudget budget;
    private final LanePeers peers;

    /** An outbox draining on {@code lane}, without per-topic counts or a bound. */
    public LaneOutbox(Lane lane) {
        this(lane, 0, null);
    }

    /**
     * An outbox draining on {@code lane}, counting deliveries for a catalog of {@code topicCount} topics and its queued
     * delivery bytes against {@code budget}, which samples its recipients' backlogs (null: unbounded, not sampled).
     */
    public LaneOutbox(Lane lane, int topicCount, FanOutBudget budget) {
        this.lane = Objects.requireNonNull(lane, "lane");
        this.counters = new LaneCounters(topicCount);
        this.budget = budget;
        this.peers = budget != null ? budget.addLane(lane) : new LanePeers(lane);
    }

    /** The recipients of this lane, compared with each other to tell a slow consumer from overload. */
    public LanePeers peers() {
        return peers;
    }

    /** What this lane wrote; written on the lane, readable from any thread. */
    public LaneCounters counters() {
        return counters;
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
        enqueue(topicIndex, frame, recipients, recipients.length);
    }

    /**
     * Queues {@code frame} for the first {@code count} of {@code recipients}. The owner may afterwards only clear a slot
     * to {@code null} (a recipient that left, which the drain skips); it must not put anything else there.
     */
    public void enqueue(int topicIndex, Frame frame, Recipient[] recipients, int count) {
        if (budget != null) {
            budget.taken((long) frame.size() * count);
        }
        add(new Item(topicIndex, frame, recipients, count, null));
    }

    /**
     * Runs {@code task} on the lane once every frame queued before this call has been written and flushed; any thread.
     * Shutdown uses it so that what the windows flushed reaches the clients before their close frame.
     */
    public void afterQueued(Runnable task) {
        add(new Item(-1, null, null, 0, Objects.requireNonNull(task, "task")));
    }

    private void add(Item item) {
        queue.offer(item);
        if (scheduled.compareAndSet(false, true)) {
            lane.execute(drainTask);
        }
    }

    private void drain() {
        int written = 0;
        long writtenBytes = 0;
        Item item;
        while (written < MAX_ITEMS_PER_DRAIN && (item = queue.poll()) != null) {
            if (item.task != null) {
                flushDirty();
                item.task.run();
                continue;
            }
            run.add(item);
            // the frames queued after it for the same recipients go out with it, connection by connection
            long runBytes = item.frame.size();
            Item next;
            while (written + run.size() < MAX_ITEMS_PER_DRAIN && runBytes < MAX_RUN_BYTES
                    && (next = queue.peek()) != null && next.task == null
                    && next.recipients == item.recipients && next.count == item.count
                    && next.topicIndex == item.topicIndex) {
                run.add(queue.poll());
                runBytes += next.frame.size();
            }
            written += run.size();
            writtenBytes += runBytes * item.count;
            try {
                deliverRun();
            } finally {
                run.clear();
            }
        }
        flushDirty();
        if (budget != null && writtenBytes > 0) {
            budget.released(writtenBytes);
        }
        scheduled.set(false);
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            lane.execute(drainTask);
        }
    }

    /**
     * Writes the frames of {@link #run} (same recipients, in queue order) recipient by recipient: each connection gets
     * all of them in order while its state is in the cache, instead of being visited once per frame.
     */
    private void deliverRun() {
        Item first = run.get(0);
        Recipient[] recipients = first.recipients;
        int frames = run.size();
        if (frames == 1) {
            for (int i = 0; i < first.count; i++) {
                Recipient recipient = recipients[i];
                if (recipient != null && recipient.offer(first.topicIndex, first.frame)) {
                    dirty.add(recipient);
                }
            }
        } else {
            if (runFrames.length < frames) {
                runFrames = new Frame[Math.max(frames, 2 * runFrames.length)];
            }
            for (int f = 0; f < frames; f++) {
                runFrames[f] = run.get(f).frame;
            }
            for (int i = 0; i < first.count; i++) {
                Recipient recipient = recipients[i];
                if (recipient != null && recipient.offerRun(first.topicIndex, runFrames, frames)) {
                    dirty.add(recipient);
                }
            }
            Arrays.fill(runFrames, 0, frames, null);
        }
        if (first.count > 0) {
            long now = System.nanoTime();
            for (int f = 0; f < frames; f++) {
                counters.latency(now - run.get(f).frame.acceptedNanos());
            }
        }
    }

    private void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
    }

    /** Frames queued and not yet written (for stats). */
    public int backlog() {
        return queue.size();
    }

    /** A frame for some recipients, or (with {@code task} set) a task to run when the drain reaches it. */
    private record Item(int topicIndex, Frame frame, Recipient[] recipients, int count, Runnable task) {
    }
}
