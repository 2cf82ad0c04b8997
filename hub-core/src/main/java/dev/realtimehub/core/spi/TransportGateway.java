package dev.realtimehub.core.spi;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.auth.Identity;

/**
 * The core's one entry point for a transport: it opens connections, closes them all, and counts them. Everything else
 * a transport learns about a connection it reports through the {@link ConnectionInbound} that {@link #open} returns,
 * and everything core sends it receives through its own {@link Session}.
 *
 * <p>Thread-safe: {@link #open} on the session's lane, the rest from any thread.
 */
public interface TransportGateway {

    /**
     * Registers a connection for {@code session}, sends its {@code connected} frame and subscribes it to the default
     * topic when it may (on the session's lane).
     *
     * @return where the transport reports the connection's inbound frames, writability and end
     */
    ConnectionInbound open(Session session, Identity identity);

    /**
     * Closes every open connection with {@code code}, each on its lane after the frames queued for it before this call
     * (what the throttling windows flushed at shutdown goes out first); any thread.
     *
     * @return how many connections were told to close
     */
    int closeAll(CloseCode code, String reason);

    /** How many connections are open; any thread. */
    int connectionCount();
}
