package dev.realtimehub.core.spi;

import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.auth.InvalidTokenException;

/**
 * Turns a connection token into an {@link Identity} (the server implements it with JWT); must be thread-safe and must
 * not block on I/O, as it runs on an event loop during the WebSocket handshake.
 */
@FunctionalInterface
public interface TokenVerifier {

    /** Verifies {@code token}; throws with the reason when it cannot be accepted. */
    Identity verify(String token) throws InvalidTokenException;
}
