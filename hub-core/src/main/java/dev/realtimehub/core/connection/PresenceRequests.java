package dev.realtimehub.core.connection;

import dev.realtimehub.core.presence.tracking.PresenceRegistry;
import dev.realtimehub.core.wire.PresenceFrames;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the {@code presence} action: who is subscribed to a topic, for a connection holding the roles that may
 * subscribe to it. The store may answer on another thread; the reply is written on the connection's lane.
 *
 * <p>Stateless and thread-safe.
 */
public final class PresenceRequests {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceRequests.class);

    private final PresenceRegistry presence;

    /** Requests answered from {@code presence}. */
    public PresenceRequests(PresenceRegistry presence) {
        this.presence = Objects.requireNonNull(presence, "presence");
    }

    /** Replies to {@code connection} with the presence of {@code topic}, or with why it may not have it (lane only). */
    public void answer(Connection connection, String topic) {
        String refusal = presence.refusal(topic, connection.identity().roles());
        if (refusal != null) {
            connection.send(PresenceFrames.refused(topic, refusal));
            return;
        }
        presence.snapshot(topic).whenComplete((snapshot, failure) -> connection.session().lane().execute(() -> {
            if (failure != null) {
                LOG.debug("presence of {} unavailable: {}", topic, failure.toString());
                connection.send(PresenceFrames.refused(topic, "Presence is unavailable right now: try again"));
            } else {
                connection.send(PresenceFrames.snapshot(snapshot));
            }
        }));
    }
}
