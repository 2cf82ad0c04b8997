package dev.realtimehub.core.delivery;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.spi.Scheduler;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.SubscriberFilter;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.List;
import java.util.Objects;
import dev.realtimehub.core.wire.BatchFrames;
import dev.realtimehub.core.api.Frame;

/**
 * Delivers one topic's events to its subscribers under the topic's policy: at once, or through a throttling window whose
 * held-back events are flushed as {@code batch} frames when it closes.
 *
 * <p>Thread-safe. One lock guards the window, the subscriber groups and {@link #deliveredSeq}. Events reach the lanes in
 * seq order because every hand-off to a lane happens under that lock, in the order the broker delivers (seq order), and
 * a window is flushed before any later event goes out. Hence the invariant recovery relies on: every frame handed to
 * lanes after {@link #subscribe} returns carries seqs above the value it returned.
 */
public final class TopicDispatcher {

    private final TopicConfig config;
    private final int index;
    private final Clock clock;
    private final Scheduler scheduler;
    private final DeliveryStats stats;
    private final Object lock = new Object();

    // guarded by lock
    private final PendingWindow pending;
    private final FilterGroups groups = new FilterGroups();
    private int subscriberCount;
    private boolean windowOpen;
    private Scheduler.Cancellable windowTimer;
    private long deliveredSeq;

    /** A dispatcher for {@code config}, the {@code index}-th topic of the catalog. */
    public TopicDispatcher(TopicConfig config, int index, Clock clock, Scheduler scheduler) {
        this(config, index, clock, scheduler, new DeliveryStats());
    }

    /** A dispatcher that counts into {@code stats} (a channel counts into its namespace's figures). */
    public TopicDispatcher(TopicConfig config, int index, Clock clock, Scheduler scheduler, DeliveryStats stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.config = Objects.requireNonNull(config, "config");
        this.index = index;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.pending = new PendingWindow(config.policy() == DeliveryPolicy.CONFLATE ? config.conflateKey() : List.of());
    }

    /** The topic's config. */
    public TopicConfig config() {
        return config;
    }

    /** The topic's index in the catalog. */
    public int index() {
        return index;
    }

    /** The topic's delivery counters. */
    public DeliveryStats stats() {
        return stats;
    }

    /** Delivers one accepted event; called by the broker listener in seq order. */
    public void onEvent(Event event) {
        synchronized (lock) {
            stats.published.increment();
            Boolean choice = event.throttle();
            boolean throttled = choice != null ? choice : config.policy() != DeliveryPolicy.IMMEDIATE;
            if (!throttled) {
                flushPendingLocked();
                fanOutLocked(event);
            } else if (!windowOpen) {
                openWindowLocked();
                fanOutLocked(event);
            } else {
                stats.throttled.increment();
                if (pending.add(event)) {
                    stats.conflated.increment();
                }
            }
        }
    }

    /**
     * Starts (or restarts, after an epoch change) the topic at {@code seq}: the broker's head when this node joins,
     * so that replies and snapshots tell the topic's real position. Drops whatever a window held.
     */
    public void startAt(long seq) {
        synchronized (lock) {
            pending.drain();
            deliveredSeq = seq;
        }
    }

    /** Sends whatever the window holds now (at shutdown, before clients are told to go). */
    public void flushWindow() {
        synchronized (lock) {
            flushPendingLocked();
        }
    }

    /**
     * Adds a recipient living on {@code outbox}'s lane; idempotent.
     *
     * @return the highest seq handed to lanes so far: every later frame carries higher seqs
     */
    public long subscribe(Recipient recipient, LaneOutbox outbox) {
        return subscribe(recipient, outbox, null, null);
    }

    /**
     * Adds a recipient living on {@code outbox}'s lane that receives only the events {@code filter} passes ({@code null}:
     * every event), moving it out of the group of {@code previous} (the filter it was subscribed with, if any).
     *
     * @return the highest seq handed to lanes so far: every later frame carries higher seqs
     */
    public long subscribe(Recipient recipient, LaneOutbox outbox, SubscriberFilter filter, SubscriberFilter previous) {
        synchronized (lock) {
            if (!java.util.Objects.equals(filter, previous) && groups.remove(recipient, outbox, previous)) {
                subscriberCount--;
            }
            if (groups.add(recipient, outbox, filter)) {
                subscriberCount++;
            }
            return deliveredSeq;
        }
    }

    /** Removes a recipient; harmless if it was not subscribed. */
    public void unsubscribe(Recipient recipient, LaneOutbox outbox) {
        unsubscribe(recipient, outbox, null);
    }

    /** Removes a recipient subscribed with {@code filter}; harmless if it was not subscribed. */
    public void unsubscribe(Recipient recipient, LaneOutbox outbox, SubscriberFilter filter) {
        synchronized (lock) {
            if (groups.remove(recipient, outbox, filter)) {
                subscriberCount--;
            }
        }
    }

    /** How many distinct filters its subscribers use (unfiltered counting as one). */
    public int filterCount() {
        synchronized (lock) {
            return groups.filterCount();
        }
    }

    /** How many recipients are subscribed. */
    public int subscriberCount() {
        synchronized (lock) {
            return subscriberCount;
        }
    }

    /** The highest seq handed to lanes so far. */
    public long deliveredSeq() {
        synchronized (lock) {
            return deliveredSeq;
        }
    }

    private void openWindowLocked() {
        windowOpen = true;
        windowTimer = scheduler.schedule(this::onWindowClosed, config.windowMs());
    }

    private void onWindowClosed() {
        synchronized (lock) {
            windowTimer = null;
            if (pending.isEmpty()) {
                windowOpen = false;
                return;
            }
            flushPendingLocked();
            // the window stays open for another period, so a steady stream leaves once per window
            openWindowLocked();
        }
    }

    private void flushPendingLocked() {
        if (pending.isEmpty()) {
            return;
        }
        List<Event> events = pending.drain();
        stats.merged.add(events.size());
        // every filter group gets batches of the items it passes; the topic has handed out everything drained
        groups.fanOutWindow(index, events, this::batchesLocked);
        deliveredSeq = Math.max(deliveredSeq, events.get(events.size() - 1).seq());
    }

    /** Cuts {@code events} into batch frames of at most batch-max-items, all for the same user (or everyone). */
    private void batchesLocked(List<Event> events, java.util.function.Consumer<Frame> sink) {
        long now = clock.millis();
        int max = config.batchMaxItems();
        int from = 0;
        while (from < events.size()) {
            String user = events.get(from).userId();
            int to = from + 1;
            while (to < events.size() && to - from < max && Objects.equals(user, events.get(to).userId())) {
                to++;
            }
            stats.frames.increment();
            sink.accept(BatchFrames.of(config.name(), events, from, to, now));
            from = to;
        }
    }

    private void fanOutLocked(Event event) {
        deliveredSeq = event.seq();
        stats.frames.increment();
        groups.fanOut(index, event);
    }
}
