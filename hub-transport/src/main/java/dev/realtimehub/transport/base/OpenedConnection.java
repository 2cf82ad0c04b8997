package dev.realtimehub.transport.base;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.spi.Session;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;

/**
 * The terms every connection gets once core has registered it, whatever its transport: one whose handshake passed the
 * drain gate just before the drain began goes with everyone else (1001), and one opened with a token is closed with
 * 4001 when the token expires.
 *
 * <p>Event loop only.
 */
public final class OpenedConnection {

    private OpenedConnection() {
    }

    /** Applies the terms to {@code session}, just opened on {@code channel} for {@code identity}. */
    public static void applyTerms(Channel channel, Session session, Identity identity, HubDrain drain) {
        if (drain.active()) {
            session.close(CloseCode.GOING_AWAY, "server shutting down");
            return;
        }
        if (identity.expiresAtMillis() > 0) {
            long delay = Math.max(0, identity.expiresAtMillis() - System.currentTimeMillis());
            channel.eventLoop().schedule(() -> session.close(CloseCode.TOKEN_EXPIRED, "token expired"),
                    delay, TimeUnit.MILLISECONDS);
        }
    }
}
