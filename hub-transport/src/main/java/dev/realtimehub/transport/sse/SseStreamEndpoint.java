package dev.realtimehub.transport.sse;

import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.auth.InvalidTokenException;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.transport.base.OpenedConnection;
import dev.realtimehub.transport.base.HubDrain;
import dev.realtimehub.transport.base.HubEventLoops;
import dev.realtimehub.transport.base.HubLane;
import dev.realtimehub.transport.base.HubStages;
import dev.realtimehub.transport.base.TransportSettings;
import dev.realtimehub.transport.http.HttpEndpoint;
import dev.realtimehub.transport.http.HttpResponses;
import dev.realtimehub.transport.ws.ConnectionLimiter;
import dev.realtimehub.transport.ws.HandshakeAuth;
import dev.realtimehub.transport.ws.OriginPolicy;
import dev.realtimehub.transport.ws.TokenExtractor;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/sse/realtime}: opens an SSE stream, checked as a WebSocket handshake is (origin, token or
 * {@code ?ticket=}, connection limits), then turns the connection into a streaming {@code text/event-stream} response:
 * the HTTP-only stages go, the heartbeat and the stream stage come, and core opens the connection through the gateway
 * with an {@link SseSession}, whose {@code connected} event carries the {@code session} the client's commands name.
 *
 * <p>Event loop only, apart from the shared, thread-safe registry, tickets, limiter and auth.
 */
final class SseStreamEndpoint implements HttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(SseStreamEndpoint.class);

    private final HubEngine hub;
    private final HubEventLoops loops;
    private final TransportSettings settings;
    private final HubDrain drain;
    private final OriginPolicy origins;
    private final TokenExtractor tokens;
    private final HandshakeAuth auth;
    private final ConnectionLimiter limiter;
    private final SseTickets tickets;
    private final SseSessions sessions;
    private final SseForwarding forwarding;
    /** One frame cache per lane (each used on its lane only). */
    private final Map<HubLane, SseFrames> frames = new ConcurrentHashMap<>();

    SseStreamEndpoint(HubEngine hub, HubEventLoops loops, TransportSettings settings, HubDrain drain,
                      TokenExtractor tokens, HandshakeAuth auth, ConnectionLimiter limiter, SseTickets tickets,
                      SseSessions sessions, SseForwarding forwarding) {
        this.hub = hub;
        this.loops = loops;
        this.settings = settings;
        this.drain = drain;
        this.origins = new OriginPolicy(settings.allowedOrigins());
        this.tokens = tokens;
        this.auth = auth;
        this.limiter = limiter;
        this.tickets = tickets;
        this.sessions = sessions;
        this.forwarding = forwarding;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.GET.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use GET",
                    Map.of(HttpHeaderNames.ALLOW.toString(), "GET"));
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!origins.allows(origin, request.headers().get(HttpHeaderNames.HOST))) {
            LOG.debug("refused SSE stream from origin {}", origin);
            HttpResponses.error(ctx, false, HttpResponseStatus.FORBIDDEN, "Origin not allowed");
            return;
        }
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        if (query.containsKey("token")) {
            HttpResponses.error(ctx, false, HttpResponseStatus.BAD_REQUEST, "No tokens in URLs: get a ticket with"
                    + " POST /api/sse/ticket and open the stream with ?ticket=");
            return;
        }
        Identity identity;
        try {
            identity = authenticate(query.get("ticket"), request);
        } catch (InvalidTokenException e) {
            LOG.debug("refused SSE stream: {}", e.getMessage());
            HttpResponses.error(ctx, false, HttpResponseStatus.UNAUTHORIZED, e.getMessage(),
                    Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer"));
            return;
        }
        String ip = clientAddress(ctx.channel());
        ConnectionLimiter.Refusal refusal = limiter.tryAcquire(ip);
        if (refusal != null) {
            HttpResponses.error(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    refusal == ConnectionLimiter.Refusal.TOTAL
                            ? "Too many connections (limits.max-connections)"
                            : "Too many connections from this address (limits.max-connections-per-ip)",
                    Map.of("Retry-After", "5"));
            return;
        }
        ctx.channel().closeFuture().addListener(closed -> limiter.release(ip));
        open(ctx.channel(), request, identity);
    }

    /** Releases each lane's kept event, on its lane; once every stream is closed. */
    void close() {
        frames.forEach((lane, cache) -> {
            try {
                lane.execute(cache::release);
            } catch (RejectedExecutionException stopped) {
                // the loop is gone, and its pooled memory with it
            }
        });
    }

    /** Who opens the stream: the ticket's identity, else the token of a header or cookie, else anonymous if allowed. */
    private Identity authenticate(List<String> ticket, FullHttpRequest request) throws InvalidTokenException {
        if (ticket != null) {
            Identity identity = tickets.redeem(ticket.get(0));
            if (identity == null) {
                auth.countFailure();
                throw new InvalidTokenException("Unknown, used or expired ticket: get a new one with"
                        + " POST /api/sse/ticket");
            }
            if (identity.expiresAtMillis() > 0 && identity.expiresAtMillis() <= System.currentTimeMillis()) {
                auth.countFailure();
                throw new InvalidTokenException("Token expired");
            }
            return identity;
        }
        return auth.authenticate(tokens.extractFromHeaders(request),
                "'Authorization: Bearer', the token cookie, or ?ticket= from POST /api/sse/ticket");
    }

    private void open(Channel channel, FullHttpRequest request, Identity identity) {
        HubLane lane = loops.laneOf(channel.eventLoop());
        boolean chunked = HttpVersion.HTTP_1_1.equals(request.protocolVersion());
        SseSession session = new SseSession(channel, lane, forwarding.newSessionId(),
                frames.computeIfAbsent(lane, l -> new SseFrames()), chunked);
        ChannelPipeline pipeline = channel.pipeline();
        for (String name : HubStages.HTTP_ONLY) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        pipeline.addLast(HubStages.SSE_HEARTBEAT, new SseHeartbeat(settings.heartbeatIntervalMs(), session));
        pipeline.addLast(HubStages.SSE_STREAM, new SseStreamHandler(session, sessions));
        session.writeHead(streamHead(chunked));
        // registered before core sends 'connected': a command naming the session finds it, and runs on this lane
        // after this task, once the connection is open
        sessions.add(session);
        session.opened(hub.gateway().open(session, identity));
        if (!channel.isActive()) {
            sessions.remove(session);
            session.inbound().onClosed();
            return;
        }
        OpenedConnection.applyTerms(channel, session, identity, drain);
    }

    /** The response head: a stream that no cache or proxy buffer may hold back, chunked over HTTP/1.1. */
    private static HttpResponse streamHead(boolean chunked) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        // nginx buffers proxied responses unless told not to
        response.headers().set("X-Accel-Buffering", "no");
        if (chunked) {
            HttpUtil.setTransferEncodingChunked(response, true);
        } else {
            // HTTP/1.0 has no chunks: the body is the rest of the connection
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    private static String clientAddress(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(channel.remoteAddress());
    }
}
