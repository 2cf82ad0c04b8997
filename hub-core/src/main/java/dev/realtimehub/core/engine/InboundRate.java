package dev.realtimehub.core.engine;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.wire.Replies;

/**
 * The inbound rate policy: up to {@code limits.frames-per-second} client frames a second are handled; the first one
 * over gets an error frame, the rest are dropped, and twice the limit closes the connection with 1008.
 *
 * <p>Stateless; the per-connection counts live in each {@link Connection}'s {@code InboundWindow} (lane only).
 */
final class InboundRate {

    private final Clock clock;
    private final int framesPerSecond;

    InboundRate(Clock clock, int framesPerSecond) {
        this.clock = clock;
        this.framesPerSecond = framesPerSecond;
    }

    /** Counts one frame of {@code connection}; whether to handle it (lane only). */
    boolean admit(Connection connection) {
        switch (connection.inbound().count(clock.millis(), framesPerSecond)) {
            case ACCEPT:
                return true;
            case WARN:
                connection.send(Replies.error("Rate limit exceeded: at most " + framesPerSecond
                        + " frames per second; frames are dropped"));
                return false;
            case CLOSE:
                connection.close(CloseCode.POLICY_VIOLATION, "inbound rate over " + framesPerSecond + "/s");
                return false;
            default:
                return false;
        }
    }
}
