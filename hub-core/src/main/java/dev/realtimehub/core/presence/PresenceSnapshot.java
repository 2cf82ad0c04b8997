package dev.realtimehub.core.presence;

import java.util.List;
import java.util.Objects;

/**
 * Who is subscribed to one topic across every node, as the {@code presence} action and {@code GET /api/presence/T}
 * answer: how many connections, and the distinct user ids behind them (anonymous connections count, but have no id).
 *
 * <p>Immutable.
 *
 * @param topic the topic name as subscribed
 * @param connections how many connections are subscribed (a user with two tabs counts twice here)
 * @param users the distinct user ids, sorted (a user with two tabs is listed once)
 */
public record PresenceSnapshot(String topic, int connections, List<String> users) {

    public PresenceSnapshot {
        Objects.requireNonNull(topic, "topic");
        if (connections < 0) {
            throw new IllegalArgumentException("connections must be >= 0, was " + connections);
        }
        users = List.copyOf(users);
    }
}
