package dev.realtimehub.core.engine;

import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.connection.ConnectionRegistry;
import dev.realtimehub.core.connection.SubscriptionService;
import dev.realtimehub.core.protocol.ProtocolHandler;
import dev.realtimehub.core.spi.ConnectionInbound;

/**
 * One open connection as its transport sees it: inbound frames go through the rate policy to the protocol, a drained
 * queue resumes delivery, the end forgets the connection.
 *
 * <p>Lane only, as {@link ConnectionInbound} says.
 */
final class OpenConnection implements ConnectionInbound {

    private final Connection connection;
    private final ConnectionRegistry registry;
    private final SubscriptionService subscriptions;
    private final ProtocolHandler protocol;
    private final InboundRate rate;

    OpenConnection(Connection connection, ConnectionRegistry registry, SubscriptionService subscriptions,
                   ProtocolHandler protocol, InboundRate rate) {
        this.connection = connection;
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.protocol = protocol;
        this.rate = rate;
    }

    @Override
    public String clientId() {
        return connection.id();
    }

    @Override
    public void onText(String text) {
        if (rate.admit(connection)) {
            protocol.onText(connection, text);
        }
    }

    @Override
    public void onBinary() {
        if (rate.admit(connection)) {
            protocol.onBinary(connection);
        }
    }

    @Override
    public void onWritable() {
        subscriptions.resume(connection);
    }

    @Override
    public void onClosed() {
        if (registry.remove(connection)) {
            subscriptions.leaveAll(connection);
        }
    }
}
