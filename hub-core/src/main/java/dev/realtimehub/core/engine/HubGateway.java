package dev.realtimehub.core.engine;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.connection.ConnectionRegistry;
import dev.realtimehub.core.connection.PresenceRequests;
import dev.realtimehub.core.connection.SubscriptionService;
import dev.realtimehub.core.delivery.LaneOutbox;
import dev.realtimehub.core.protocol.ProtocolHandler;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.spi.Session;
import dev.realtimehub.core.spi.TransportGateway;
import dev.realtimehub.core.wire.Replies;

/**
 * The engine's side of the transport seam: registers connections, closes them, counts them.
 *
 * <p>Thread-safe as {@link TransportGateway} says. State a connection keeps on its lane (its subscriptions, its
 * queue) is read only on that lane: a close decided from another thread is handed to the lane first.
 */
final class HubGateway implements TransportGateway {

    /** The topic every new connection is subscribed to. */
    static final String DEFAULT_TOPIC = "stats";

    private final String nodeId;
    private final Clock clock;
    private final ConnectionRegistry registry;
    private final SubscriptionService subscriptions;
    private final ProtocolHandler protocol;
    private final InboundRate rate;

    HubGateway(String nodeId, Clock clock, ConnectionRegistry registry, SubscriptionService subscriptions,
               PresenceRequests presence, int framesPerSecond) {
        this.nodeId = nodeId;
        this.clock = clock;
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.protocol = new ProtocolHandler(subscriptions, presence);
        this.rate = new InboundRate(clock, framesPerSecond);
    }

    @Override
    public ConnectionInbound open(Session session, Identity identity) {
        Connection connection = registry.register(session, identity, clock.millis());
        connection.send(Replies.connected(connection.id(), subscriptions.availableTopics(connection), nodeId,
                clock.millis(), session.sessionId()));
        subscriptions.subscribeSilently(connection, DEFAULT_TOPIC);
        return new OpenConnection(connection, registry, subscriptions, protocol, rate);
    }

    @Override
    public int closeAll(CloseCode code, String reason) {
        int count = registry.size();
        for (LaneOutbox outbox : registry.outboxes()) {
            // on the lane after the frames queued there before: what the windows flushed first, then the close frames
            outbox.afterQueued(() -> {
                for (Connection connection : registry.all()) {
                    if (connection.outbox() == outbox) {
                        connection.close(code, reason);
                    }
                }
            });
        }
        return count;
    }

    @Override
    public int connectionCount() {
        return registry.size();
    }

    /**
     * Closes the connections of {@code userId} (or the one with {@code clientId}) with {@code code}, each on its lane;
     * any thread. Both ids are fixed when a connection opens, so they are read here, not on the lanes.
     *
     * @return how many connections were told to close
     */
    int disconnect(String userId, String clientId, CloseCode code, String reason) {
        int count = 0;
        for (Connection connection : registry.all()) {
            boolean match = userId != null ? userId.equals(connection.userId()) : connection.id().equals(clientId);
            if (match) {
                connection.session().lane().execute(() -> connection.close(code, reason));
                count++;
            }
        }
        return count;
    }

    /**
     * Closes every subscriber of topic {@code index} with {@code code}; any thread. Subscriptions are lane-only state,
     * so each connection is asked on its own lane.
     */
    void disconnectSubscribers(int index, CloseCode code, String reason) {
        for (Connection connection : registry.all()) {
            connection.session().lane().execute(() -> {
                if (connection.isSubscribed(index)) {
                    connection.close(code, reason);
                }
            });
        }
    }
}
