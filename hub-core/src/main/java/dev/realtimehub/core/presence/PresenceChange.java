package dev.realtimehub.core.presence;

import java.util.Objects;

/**
 * One connection subscribed to a topic or left it: what a {@code join} or {@code leave} frame tells the subscribers,
 * and what a node relays to the others.
 *
 * <p>Immutable.
 *
 * @param topic the topic name as subscribed
 * @param kind join or leave
 * @param userId the connection's user, or {@code null} when anonymous
 */
public record PresenceChange(String topic, Kind kind, String userId) {

    public PresenceChange {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(kind, "kind");
    }

    /** Which way the connection went; {@link #wireName()} is the frame's {@code type}. */
    public enum Kind {
        JOIN("join"), LEAVE("leave");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The frame type: {@code join} or {@code leave}. */
        public String wireName() {
            return wireName;
        }
    }
}
