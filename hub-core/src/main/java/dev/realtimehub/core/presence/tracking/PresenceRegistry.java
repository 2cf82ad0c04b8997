package dev.realtimehub.core.presence.tracking;

import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.presence.PresenceChange;
import dev.realtimehub.core.presence.PresenceSnapshot;
import dev.realtimehub.core.spi.PresenceStore;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.core.wire.PresenceFrames;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * This node's side of presence: records in the {@link PresenceStore} who subscribes to a topic that tracks presence,
 * keeps the local subscribers of such topics to hand them {@code join}/{@code leave} frames, and answers who is there.
 *
 * <p>Everything is keyed by the full topic name as subscribed; which options apply to a name is decided by one
 * function given at construction (a channel {@code ns:key} resolves to its namespace's options there).
 *
 * <p>{@code join}/{@code leave} frames bypass the topic's seq and history: a change is fanned out to the local
 * subscribers of the topic (except the connection it is about) and relayed through the store to the other nodes,
 * which fan it out to theirs.
 *
 * <p>Thread-safe: a topic's local members change inside {@link ConcurrentHashMap#compute}, so a member is added or
 * removed exactly once however lanes interleave.
 */
public final class PresenceRegistry {

    private final Function<String, TopicConfig> optionsFor;
    private final PresenceStore store;
    /** Topic → client id → local member, only for topics that track presence. */
    private final Map<String, Map<String, PresenceMember>> local = new ConcurrentHashMap<>();

    /**
     * A registry over {@code store}; {@code optionsFor} gives the options of a topic name, or null for an unknown one.
     */
    public PresenceRegistry(Function<String, TopicConfig> optionsFor, PresenceStore store) {
        this.optionsFor = Objects.requireNonNull(optionsFor, "optionsFor");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Starts the store; changes other nodes announce are fanned out to this node's subscribers. */
    public void start(String nodeId) {
        store.start(nodeId, change -> announce(change, null));
    }

    /**
     * Why {@code roles} may not ask who is subscribed to {@code topic} (unknown topic, presence off, forbidden), or
     * null when they may: the roles that may subscribe may ask. {@code roles} null: a trusted caller (the application
     * itself), whose roles are not checked.
     */
    public String refusal(String topic, Set<String> roles) {
        TopicConfig options = optionsFor.apply(topic);
        if (options == null) {
            return "Unknown topic: " + topic;
        }
        if (!options.presence()) {
            return "Presence is off for topic " + topic + " (topics." + topic + ".presence)";
        }
        return roles == null || options.permits(roles) ? null : "forbidden";
    }

    /** Who is subscribed to {@code topic} on every node; check {@link #refusal} first. */
    public CompletableFuture<PresenceSnapshot> snapshot(String topic) {
        return store.snapshot(topic);
    }

    /** {@code member} subscribed to {@code topic}: recorded, and announced when the topic has {@code join-leave}. */
    public void joined(String topic, PresenceMember member) {
        TopicConfig options = optionsFor.apply(topic);
        if (options == null || !options.presence()) {
            return;
        }
        boolean[] added = new boolean[1];
        local.compute(topic, (name, members) -> {
            Map<String, PresenceMember> map = members == null ? new ConcurrentHashMap<>() : members;
            added[0] = map.putIfAbsent(member.id(), member) == null;
            return map;
        });
        if (added[0]) {
            store.add(topic, member.id(), member.userId(), options.joinLeave());
            if (options.joinLeave()) {
                announce(new PresenceChange(topic, PresenceChange.Kind.JOIN, member.userId()), member.id());
            }
        }
    }

    /** {@code member} unsubscribed from {@code topic} or closed: forgotten, and announced as {@link #joined} was. */
    public void left(String topic, PresenceMember member) {
        TopicConfig options = optionsFor.apply(topic);
        if (options == null || !options.presence()) {
            return;
        }
        boolean[] removed = new boolean[1];
        local.computeIfPresent(topic, (name, members) -> {
            removed[0] = members.remove(member.id()) != null;
            return members.isEmpty() ? null : members;
        });
        if (removed[0]) {
            store.remove(topic, member.id(), member.userId(), options.joinLeave());
            if (options.joinLeave()) {
                announce(new PresenceChange(topic, PresenceChange.Kind.LEAVE, member.userId()), member.id());
            }
        }
    }

    /** How many local members {@code topic} has (for tests and stats). */
    public int localCount(String topic) {
        Map<String, PresenceMember> members = local.get(topic);
        return members == null ? 0 : members.size();
    }

    /** Hands the change's frame to every local member of its topic but {@code exceptId}; encoded once. */
    private void announce(PresenceChange change, String exceptId) {
        TopicConfig options = optionsFor.apply(change.topic());
        Map<String, PresenceMember> members = local.get(change.topic());
        if (options == null || !options.joinLeave() || members == null) {
            return;
        }
        Frame frame = PresenceFrames.change(change);
        for (PresenceMember member : members.values()) {
            if (!member.id().equals(exceptId)) {
                member.deliver(frame);
            }
        }
    }

    /** Closes the store. */
    public void close() {
        store.close();
    }
}
