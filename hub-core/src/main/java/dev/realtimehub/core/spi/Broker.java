package dev.realtimehub.core.spi;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.concurrent.CompletableFuture;

/**
 * The backplane: assigns seq numbers, keeps per-topic history and hands every accepted event back to the hub.
 *
 * <p>The memory broker serves one process; the Redis broker serves several hub nodes. Core registers exactly one
 * {@link BrokerListener} at {@link #start}. Every method may be called from any thread and never blocks: results are
 * futures, which the memory broker completes before returning.
 */
public interface Broker extends AutoCloseable {

    /** Registers the listener that receives every accepted event; called once, before any publish. */
    void start(BrokerListener listener);

    /**
     * Assigns the next seq of {@code topic.name()}, appends the event to its history and delivers it to the listener.
     * History append and delivery must be atomic per topic, or seq order breaks. A publication whose {@code id} was
     * accepted within the idempotency window is not accepted again: the result is the seq it got then.
     *
     * @return the seq assigned
     */
    CompletableFuture<Long> publish(TopicConfig topic, Publication publication);

    /**
     * The history of a topic after {@code sinceSeq} and up to {@code upToSeq} (both by seq), in seq order: every event for
     * immediate and batch topics, the latest per key for conflate topics.
     */
    CompletableFuture<HistorySlice> history(TopicConfig topic, long sinceSeq, long upToSeq);

    /** The topic's current position: its last seq and its epoch. */
    TopicPosition position(String topic);

    /** How many events (or keys, on a conflate topic) the topic's history holds; a cached figure is fine. */
    int historySize(String topic);

    /** Starts receiving a topic's events on this node (a no-op for the memory broker). */
    default void subscribe(String topic) {
    }

    /** Stops receiving a topic's events on this node (a no-op for the memory broker). */
    default void unsubscribe(String topic) {
    }

    /**
     * Starts receiving the events of channel {@code name} (of a namespace among the broker's topics) on this node;
     * completes once every later event reaches the listener, so a history read after it leaves no hole between history
     * and live events. Any thread, never blocks.
     */
    default java.util.concurrent.CompletableFuture<Void> open(String name) {
        subscribe(name);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * Forgets a channel this node dropped as idle: its seq, epoch and history (a no-op where another store keeps them,
     * e.g. Redis, whose keys expire on their own).
     */
    default void forget(String topic) {
    }

    /** Shares this node's figures with the other nodes (a no-op for a single process); any thread, never blocks. */
    default void reportNode(String nodeId, java.util.Map<String, Object> figures) {
    }

    /** The figures every live node reported lately, by node id (empty for a single process). */
    default CompletableFuture<java.util.Map<String, java.util.Map<String, Object>>> nodes() {
        return CompletableFuture.completedFuture(java.util.Map.of());
    }

    @Override
    void close();

    /** A topic's last assigned seq (0 while empty) and the epoch it belongs to. */
    record TopicPosition(long seq, String epoch) {
    }
}
