package dev.realtimehub.transport.sse;

import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.auth.InvalidTokenException;
import dev.realtimehub.transport.http.HttpEndpoint;
import dev.realtimehub.transport.http.HttpResponses;
import dev.realtimehub.transport.ws.HandshakeAuth;
import dev.realtimehub.transport.ws.OriginPolicy;
import dev.realtimehub.transport.ws.TokenExtractor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/sse/ticket}: trades the token of an {@code Authorization: Bearer} header or the token cookie,
 * verified as a WebSocket handshake's is, for a one-time ticket ({@link SseTickets}):
 * {@code {"ticket":"…","expires_in_ms":30000}}. Without a configured key there is nothing to trade: 404.
 *
 * <p>Stateless apart from the shared, thread-safe tickets; any event loop.
 */
final class SseTicketEndpoint implements HttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(SseTicketEndpoint.class);

    private final OriginPolicy origins;
    private final TokenExtractor tokens;
    private final HandshakeAuth auth;
    private final SseTickets tickets;

    SseTicketEndpoint(OriginPolicy origins, TokenExtractor tokens, HandshakeAuth auth, SseTickets tickets) {
        this.origins = origins;
        this.tokens = tokens;
        this.auth = auth;
        this.tickets = tickets;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.POST.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use POST",
                    Map.of(HttpHeaderNames.ALLOW.toString(), "POST"));
            return;
        }
        if (!auth.acceptsTokens()) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND,
                    "Tokens are not accepted: no key is configured to verify them");
            return;
        }
        // a cookie goes with any site's request: only the hub's own and configured origins may trade it
        if (!origins.allows(request.headers().get(HttpHeaderNames.ORIGIN), request.headers().get(HttpHeaderNames.HOST))) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.FORBIDDEN, "Origin not allowed");
            return;
        }
        String token = tokens.extractFromHeaders(request);
        Identity identity;
        try {
            if (token == null) {
                auth.countFailure();
                throw new InvalidTokenException("Missing token: send 'Authorization: Bearer' or the token cookie");
            }
            identity = auth.authenticate(token, null);
        } catch (InvalidTokenException e) {
            LOG.debug("refused SSE ticket: {}", e.getMessage());
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED, e.getMessage(),
                    Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ticket", tickets.issue(identity));
        body.put("expires_in_ms", SseTickets.TTL_MS);
        HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, body);
    }
}
