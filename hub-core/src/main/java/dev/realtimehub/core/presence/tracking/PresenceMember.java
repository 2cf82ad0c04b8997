package dev.realtimehub.core.presence.tracking;

import dev.realtimehub.core.api.Frame;

/**
 * A local subscriber as presence sees it: an id, a user, and a way to hand it a {@code join}/{@code leave} frame.
 * The connection layer adapts its connections to this, so presence never depends on it.
 */
public interface PresenceMember {

    /** The connection's client id: what presence entries are keyed by. */
    String id();

    /** The connection's user, or {@code null} when anonymous. */
    String userId();

    /** Hands {@code frame} to the connection; any thread (the member hops to its own lane). */
    void deliver(Frame frame);
}
