package dev.realtimehub.transport.base;

import dev.realtimehub.core.spi.TokenVerifier;
import io.netty.handler.ssl.SslContext;
import java.util.List;

/**
 * How the transport authenticates: connection tokens for WebSockets, API keys for publishers, and TLS.
 *
 * <p>Immutable.
 *
 * @param tokenVerifier verifies connection tokens, or null when no token can be verified (anonymous only)
 * @param anonymous whether a WebSocket without a token is accepted
 * @param tokenCookie the cookie a token may come in, or null
 * @param apiKeys keys for the publishing and admin API; empty: the API is open
 * @param sslContext TLS for https and wss on the same port, or null for plain http and ws
 */
public record HubSecurity(TokenVerifier tokenVerifier, boolean anonymous, String tokenCookie, List<String> apiKeys,
                          SslContext sslContext) {

    /** A developer's default: anonymous connections, no keys, no TLS. */
    public static final HubSecurity OPEN = new HubSecurity(null, true, null, List.of(), null);

    public HubSecurity {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        if (!anonymous && tokenVerifier == null) {
            throw new IllegalArgumentException(
                    "auth.anonymous: false needs a way to verify tokens (auth.jwt.hmac-secret or auth.jwt.public-key-file)");
        }
    }
}
