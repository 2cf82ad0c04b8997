package dev.realtimehub.redis;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.core.topics.DeliveryPolicy;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node has received of one topic from Redis: its epoch and the last seq handed to the hub, with the repair of
 * holes. Pub/sub loses messages while a connection is down; when a seq arrives that is not the next one, newer events
 * are held back, the missing ones are read from the shared history, and everything goes to the hub in seq order —
 * so a Redis hiccup never shows as a hole to a client.
 *
 * <p>Thread-safe: every method synchronizes on the feed, so the listener sees each topic's events one at a time, in
 * seq order, whichever Lettuce thread (pub/sub or command) brings them.
 */
final class TopicFeed {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);

    /** Reads the history between two seqs for a repair. */
    interface HistoryReader {
        void read(TopicFeed feed, long since, long upTo);
    }

    private final TopicConfig topic;
    private final RedisKeys keys;
    private final BrokerListener listener;
    private final HistoryReader reader;
    /** Completes once the feed delivers the topic's events (at once for a topic, after the position for a channel). */
    final java.util.concurrent.CompletableFuture<Void> opened = new java.util.concurrent.CompletableFuture<>();
    // guarded by this
    private String epoch;
    private long lastSeq;
    private boolean repairing;
    /** The seq the running repair reads up to (-1: the head). */
    private long repairUpTo;
    private final ArrayDeque<Event> held = new ArrayDeque<>();
    /** A channel opened while running, until its position is read: messages are held back meanwhile. */
    private boolean starting;
    /** The highest seq this node saw acknowledged by a publish (it may arrive through pub/sub a moment later). */
    private long acknowledgedSeq;

    TopicFeed(TopicConfig topic, RedisKeys keys, BrokerListener listener, HistoryReader reader) {
        this.topic = topic;
        this.keys = keys;
        this.listener = listener;
        this.reader = reader;
    }

    TopicConfig topic() {
        return topic;
    }

    RedisKeys keys() {
        return keys;
    }

    /** Sets where the topic stands when the node starts (before any message). */
    synchronized void startAt(long seq, String startEpoch) {
        this.lastSeq = seq;
        this.epoch = startEpoch;
    }

    /** Holds back every message until {@link #started} (a channel opened on a running node). */
    synchronized void startLater() {
        starting = true;
    }

    /**
     * Where the channel stood once this node listened to it: the held-back messages above it go out in order (a hole
     * among them is repaired from history as usual).
     */
    synchronized void started(long seq, String startEpoch) {
        starting = false;
        lastSeq = seq;
        epoch = startEpoch;
        List<Event> waiting = List.copyOf(held);
        held.clear();
        for (Event event : waiting) {
            onMessage(epoch, event); // messages of another epoch restart the feed, as live ones do
        }
    }

    synchronized long lastSeq() {
        return Math.max(lastSeq, acknowledgedSeq);
    }

    synchronized String epoch() {
        return epoch;
    }

    /** The epoch and the highest seq of it this node saw (delivered or acknowledged), read together. */
    synchronized Known known() {
        return new Known(epoch == null ? "" : epoch, Math.max(lastSeq, acknowledgedSeq));
    }

    /** Where this node knows the topic stands: a publish checks that Redis is not behind it. */
    record Known(String epoch, long seq) {
    }

    synchronized void acknowledged(long seq, String ackEpoch) {
        if (ackEpoch.equals(epoch)) {
            acknowledgedSeq = Math.max(acknowledgedSeq, seq);
        }
    }

    /** A message from the topic's channel. */
    synchronized void onMessage(String messageEpoch, Event event) {
        if (starting) {
            held.add(event);
            return;
        }
        if (!messageEpoch.equals(epoch)) {
            restart(messageEpoch);
        }
        if (repairing) {
            held.add(event);
            return;
        }
        if (event.seq() <= lastSeq) {
            return; // a repair already brought it
        }
        if (event.seq() == lastSeq + 1) {
            deliver(event);
            return;
        }
        held.add(event);
        repair(event.seq() - 1);
    }

    /** After a reconnect: fetch whatever was published while messages could not arrive. */
    synchronized void catchUp() {
        if (!repairing) {
            repair(-1);
        }
    }

    private void repair(long upTo) {
        repairing = true;
        repairUpTo = upTo;
        reader.read(this, lastSeq, upTo);
    }

    /**
     * The history a repair asked for: delivered in order, then what was held back meanwhile. What history no longer
     * holds (trimmed, or conflated away) is given up, so a hole is never waited for twice.
     */
    synchronized void repaired(String historyEpoch, long head, List<Event> events) {
        if (historyEpoch != null && !historyEpoch.equals(epoch)) {
            restart(historyEpoch);
            return;
        }
        for (Event event : events) {
            if (event.seq() > lastSeq) {
                deliver(event);
            }
        }
        long reached = repairUpTo < 0 ? head : repairUpTo;
        if (lastSeq < reached) {
            if (topic.policy() != DeliveryPolicy.CONFLATE) {
                LOG.warn("events {}..{} of {} were trimmed from history before this node could fetch them",
                        lastSeq + 1, reached, topic.name());
            }
            lastSeq = reached;
        }
        repairing = false;
        while (!held.isEmpty() && !repairing) {
            Event next = held.poll();
            if (next.seq() <= lastSeq) {
                continue;
            }
            if (next.seq() == lastSeq + 1) {
                deliver(next);
            } else {
                held.addFirst(next);
                repair(next.seq() - 1);
            }
        }
    }

    /** A repair could not read history (Redis gone again): the next message or reconnect starts another. */
    synchronized void repairFailed() {
        repairing = false;
    }

    private void restart(String newEpoch) {
        boolean known = epoch != null;
        epoch = newEpoch;
        lastSeq = 0;
        acknowledgedSeq = 0;
        held.clear();
        repairing = false;
        if (known) {
            listener.onEpochChange(topic.name(), newEpoch);
        }
    }

    private void deliver(Event event) {
        lastSeq = event.seq();
        listener.onEvent(event);
    }
}
