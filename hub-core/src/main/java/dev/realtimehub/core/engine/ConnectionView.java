package dev.realtimehub.core.engine;

import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.spi.Lane;
import java.util.Set;

/**
 * A read-only view of one open connection, for diagnostics and tests: who it belongs to, when it opened, and — on its
 * lane — how far behind it is.
 *
 * <p>{@link #clientId()}, {@link #userId()}, {@link #roles()}, {@link #expiresAtMillis()}, {@link #openedAtMillis()} and {@link #lane()} are fixed
 * when the connection opens: any thread. {@link #queuedBytes()} and {@link #isSubscribed(String)} read lane-only
 * state: call them on {@link #lane()}.
 */
public final class ConnectionView {

    private final Connection connection;
    private final HubEngine engine;

    ConnectionView(Connection connection, HubEngine engine) {
        this.connection = connection;
        this.engine = engine;
    }

    /** The client id of its {@code connected} frame. */
    public String clientId() {
        return connection.id();
    }

    /** Its user, or {@code null} when anonymous. */
    public String userId() {
        return connection.userId();
    }

    /** The roles of its token. */
    public Set<String> roles() {
        return connection.identity().roles();
    }

    /** When its token stops being accepted (its {@code exp} plus the allowed clock skew), or 0 without expiry. */
    public long expiresAtMillis() {
        return connection.identity().expiresAtMillis();
    }

    /** When it opened. */
    public long openedAtMillis() {
        return connection.openedAtMillis();
    }

    /** The lane it lives on. */
    public Lane lane() {
        return connection.session().lane();
    }

    /** Bytes its transport holds queued, not yet on the socket (lane only). */
    public long queuedBytes() {
        return connection.session().queuedBytes();
    }

    /** Whether it is subscribed to {@code topic} (lane only). */
    public boolean isSubscribed(String topic) {
        var dispatcher = engine.channels().existing(topic);
        return dispatcher != null && connection.isSubscribed(dispatcher.index());
    }
}
