package dev.realtimehub.server.console;

import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.auth.InvalidTokenException;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.transport.base.HubSecurity;
import dev.realtimehub.transport.ws.TokenExtractor;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Whether an HTTP request may read a topic's snapshot: a topic without roles is open, as the console's pages are; a
 * topic with roles needs the connection token a WebSocket would present (the {@code token} query parameter, an
 * {@code Authorization: Bearer} header or the token cookie) with one of them, so a snapshot never shows what a
 * subscription would refuse. Immutable and thread-safe.
 */
final class TopicReadAccess {

    private final HubSecurity security;
    private final TokenExtractor tokens;

    TopicReadAccess(HubSecurity security) {
        this.security = security;
        this.tokens = new TokenExtractor(security.tokenCookie());
    }

    /** Null when {@code request} may read {@code topic}, else the status and message to refuse it with. */
    Refusal check(FullHttpRequest request, TopicConfig topic) {
        if (topic.roles().isEmpty()) {
            return null;
        }
        String token = tokens.extract(request);
        if (token == null || security.tokenVerifier() == null) {
            return new Refusal(HttpResponseStatus.UNAUTHORIZED, "Topic " + topic.name() + " needs a token");
        }
        Identity identity;
        try {
            identity = security.tokenVerifier().verify(token);
        } catch (InvalidTokenException e) {
            return new Refusal(HttpResponseStatus.UNAUTHORIZED, e.getMessage());
        }
        return topic.permits(identity.roles()) ? null
                : new Refusal(HttpResponseStatus.FORBIDDEN, "Topic " + topic.name() + " is not for this identity");
    }

    /** Why a read is refused. */
    record Refusal(HttpResponseStatus status, String message) {
    }
}
