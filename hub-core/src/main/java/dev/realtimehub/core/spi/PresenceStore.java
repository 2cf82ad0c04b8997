package dev.realtimehub.core.spi;

import dev.realtimehub.core.presence.PresenceChange;
import dev.realtimehub.core.presence.PresenceSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where presence lives: which connection of which node is subscribed to which topic. The memory store serves one
 * process; the Redis store shares the entries between nodes, lets a dead node's entries expire within seconds, and
 * relays announced changes to the other nodes.
 *
 * <p>Entries are keyed by connection id, so adding one twice or removing one that is gone changes nothing: counts
 * never go negative and a reconnecting client is never counted twice. Every method may be called from any thread and
 * never blocks.
 */
public interface PresenceStore extends AutoCloseable {

    /**
     * Starts the store for node {@code nodeId}; {@code remoteChanges} receives the changes other nodes announced (never
     * this node's own), on a thread of the store's. Called once, before any other method.
     */
    void start(String nodeId, Consumer<PresenceChange> remoteChanges);

    /**
     * Records that connection {@code connectionId} (user {@code userId}, null when anonymous) is subscribed to
     * {@code topic}; with {@code announce}, the other nodes are told (a {@code join}).
     */
    void add(String topic, String connectionId, String userId, boolean announce);

    /** Forgets that entry; with {@code announce}, the other nodes are told (a {@code leave}). */
    void remove(String topic, String connectionId, String userId, boolean announce);

    /** Who is subscribed to {@code topic} on every live node; completes exceptionally when the store cannot answer. */
    CompletableFuture<PresenceSnapshot> snapshot(String topic);

    @Override
    void close();
}
