package dev.realtimehub.transport.sse;

import dev.realtimehub.core.spi.NodeRelay;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.transport.base.HubDrain;
import dev.realtimehub.transport.base.HubEventLoops;
import dev.realtimehub.transport.base.HubSecurity;
import dev.realtimehub.transport.base.TransportSettings;
import dev.realtimehub.transport.http.HttpRoutes;
import dev.realtimehub.transport.ws.ConnectionLimiter;
import dev.realtimehub.transport.ws.HandshakeAuth;
import dev.realtimehub.transport.ws.OriginPolicy;
import dev.realtimehub.transport.ws.TokenExtractor;

/**
 * The HTTP fallback transport, Server-Sent Events, for networks whose proxies block WebSocket: the same protocol
 * through the same core seam, the server's frames as events of a streaming response ({@code GET /api/sse/realtime}),
 * the client's as command POSTs ({@code POST /api/sse/realtime/{session}}), and tickets for authenticated streams
 * ({@code POST /api/sse/ticket}). Wires its endpoints, session registry and tickets; the server routes to
 * {@link #routes()}.
 *
 * <p>Thread-safe.
 */
public final class SseTransport {

    /** The stream's path; a command's is this, a slash and the session id. */
    public static final String STREAM_PATH = "/api/sse/realtime";
    public static final String TICKET_PATH = "/api/sse/ticket";

    private final SseSessions sessions = new SseSessions();
    private final SseStreamEndpoint streams;
    private final HttpRoutes routes;

    /**
     * @param auth who a token belongs to, shared with the WebSocket transport
     * @param limiter the connection limits, shared with the WebSocket transport
     * @param relay how a command reaches the node holding its stream, or null on one node
     */
    public SseTransport(HubEngine hub, HubEventLoops loops, TransportSettings settings, HubSecurity security,
                        HubDrain drain, HandshakeAuth auth, ConnectionLimiter limiter, NodeRelay relay) {
        TokenExtractor tokens = new TokenExtractor(security.tokenCookie());
        SseTickets tickets = new SseTickets(Clock.system());
        SseForwarding forwarding = new SseForwarding(hub.nodeId(), relay, sessions);
        this.streams = new SseStreamEndpoint(hub, loops, settings, drain, tokens, auth, limiter, tickets, sessions,
                forwarding);
        this.routes = HttpRoutes.builder()
                .exact(STREAM_PATH, streams)
                .prefix(SseCommandEndpoint.PREFIX, new SseCommandEndpoint(sessions, forwarding))
                .exact(TICKET_PATH, new SseTicketEndpoint(new OriginPolicy(settings.allowedOrigins()), tokens, auth,
                        tickets))
                .build();
    }

    /** The transport's three routes. */
    public HttpRoutes routes() {
        return routes;
    }

    /** Frees what the transport keeps per event loop; once the streams are closed, before the loops stop. */
    public void close() {
        streams.close();
    }

    /** SSE streams open on this node. */
    public int sessionCount() {
        return sessions.size();
    }
}
