package dev.realtimehub.core.presence.tracking;

import dev.realtimehub.core.presence.PresenceChange;
import dev.realtimehub.core.presence.PresenceSnapshot;
import dev.realtimehub.core.spi.PresenceStore;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The presence of one process: entries in memory, nothing to relay (there is no other node). Answers at once.
 *
 * <p>Thread-safe: each topic's entries change inside {@link ConcurrentHashMap#compute}, so an emptied topic is dropped
 * without losing an entry added meanwhile.
 */
public final class MemoryPresenceStore implements PresenceStore {

    /** Stands for an anonymous connection's user (a concurrent map holds no nulls). */
    private static final String ANONYMOUS = "";

    /** Topic → connection id → user id ({@link #ANONYMOUS} when none). */
    private final Map<String, Map<String, String>> topics = new ConcurrentHashMap<>();

    @Override
    public void start(String nodeId, Consumer<PresenceChange> remoteChanges) {
        // one process: no other node ever announces anything
    }

    @Override
    public void add(String topic, String connectionId, String userId, boolean announce) {
        topics.compute(topic, (name, entries) -> {
            Map<String, String> map = entries == null ? new ConcurrentHashMap<>() : entries;
            map.put(connectionId, userId == null ? ANONYMOUS : userId);
            return map;
        });
    }

    @Override
    public void remove(String topic, String connectionId, String userId, boolean announce) {
        topics.computeIfPresent(topic, (name, entries) -> {
            entries.remove(connectionId);
            return entries.isEmpty() ? null : entries;
        });
    }

    @Override
    public CompletableFuture<PresenceSnapshot> snapshot(String topic) {
        Map<String, String> entries = topics.getOrDefault(topic, Map.of());
        List<String> values = List.copyOf(entries.values());
        TreeSet<String> users = new TreeSet<>(values);
        users.remove(ANONYMOUS);
        return CompletableFuture.completedFuture(new PresenceSnapshot(topic, values.size(), List.copyOf(users)));
    }

    @Override
    public void close() {
        topics.clear();
    }
}
