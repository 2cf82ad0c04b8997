package dev.realtimehub.core.connection;

import dev.realtimehub.core.api.Limits;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.delivery.FanOutBudget;
import dev.realtimehub.core.delivery.LaneOutbox;
import dev.realtimehub.core.util.Ids;
import dev.realtimehub.core.spi.Lane;
import dev.realtimehub.core.spi.Session;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every open connection by client id, and one fan-out outbox per lane (the ConnectionManager of the old system).
 *
 * <p>Thread-safe.
 */
public final class ConnectionRegistry {

    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Lane, LaneOutbox> outboxes = new ConcurrentHashMap<>();
    /** Open connections by {@link Session#transport()}: counted where they are added and removed. */
    private final ConcurrentHashMap<String, AtomicInteger> byTransport = new ConcurrentHashMap<>();
    private final int topicCount;
    private final Limits limits;
    private final FanOutBudget budget;
    private final SlowConsumerCounters slowConsumers = new SlowConsumerCounters();

    /** A registry for a catalog of {@code topicCount} topics, its connections held to {@code limits}. */
    public ConnectionRegistry(int topicCount, Limits limits) {
        this(topicCount, limits, null);
    }

    /**
     * As above, the lanes' queued delivery bytes counted against {@code budget}, which samples the connections' backlogs
     * (null: unbounded, and a connection is judged only by the hard limit).
     */
    public ConnectionRegistry(int topicCount, Limits limits, FanOutBudget budget) {
        this.topicCount = topicCount;
        this.limits = limits;
        this.budget = budget;
    }

    /** How often connections were degraded and disconnected as slow consumers. */
    public SlowConsumerCounters slowConsumers() {
        return slowConsumers;
    }

    /** Registers a new connection for {@code session}; on its lane. */
    public Connection register(Session session, Identity identity, long nowMillis) {
        LaneOutbox outbox = outboxes.computeIfAbsent(session.lane(), lane -> new LaneOutbox(lane, topicCount, budget));
        Connection connection = new Connection(Ids.clientId(), identity, session, outbox, topicCount, nowMillis,
                limits, slowConsumers);
        connections.put(connection.id(), connection);
        outbox.peers().join(connection);
        byTransport.computeIfAbsent(session.transport(), name -> new AtomicInteger()).incrementAndGet();
        return connection;
    }

    /** Forgets a connection, on its lane; returns false if it was already gone. */
    public boolean remove(Connection connection) {
        if (!connections.remove(connection.id(), connection)) {
            return false;
        }
        connection.outbox().peers().leave(connection);
        byTransport.get(connection.session().transport()).decrementAndGet();
        return true;
    }

    /** How many connections of {@code transport} ({@link Session#transport()}) are open; 0 for one never seen. */
    public int size(String transport) {
        AtomicInteger count = byTransport.get(transport);
        return count == null ? 0 : count.get();
    }

    /** The connection with this client id, or {@code null}. */
    public Connection get(String clientId) {
        return connections.get(clientId);
    }

    /** How many connections are open. */
    public int size() {
        return connections.size();
    }

    /** A live, unmodifiable view of the open connections. */
    public Collection<Connection> all() {
        return Collections.unmodifiableCollection(connections.values());
    }

    /** The outboxes of every lane seen so far. */
    public Collection<LaneOutbox> outboxes() {
        return Collections.unmodifiableCollection(outboxes.values());
    }
}
