package dev.realtimehub.transport.ws;

import dev.realtimehub.transport.base.OpenedConnection;
import dev.realtimehub.transport.base.HubStages;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.auth.InvalidTokenException;
import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.util.Texts;
import dev.realtimehub.transport.base.HubDrain;
import dev.realtimehub.transport.base.HubDrainGate;
import dev.realtimehub.transport.base.HubEventLoops;
import dev.realtimehub.transport.base.HubLane;
import dev.realtimehub.transport.base.HubSecurity;
import dev.realtimehub.transport.base.TransportSettings;
import dev.realtimehub.transport.http.HttpResponses;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades {@code GET /api/ws/realtime} to a WebSocket (RFC 6455, version 13 only): checks the key, the origin, the
 * connection limits and the token, completes the handshake, rebuilds the pipeline for frames (UTF-8 check, aggregator,
 * heartbeat, frame handler), opens the core connection, and closes it with 4001 when its token expires.
 *
 * <p>Event loop only, apart from the shared, thread-safe limiter and counters.
 */
public final class HubWebSocketUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(HubWebSocketUpgrade.class);

    private final HubEngine hub;
    private final HubEventLoops loops;
    private final TransportSettings settings;
    private final HubSecurity security;
    private final OriginPolicy origins;
    private final TokenExtractor tokens;
    private final HandshakeAuth auth;
    private final ConnectionLimiter limiter;
    private final WebSocketDecoderConfig decoderConfig;
    private final HubDrain drain;

    /**
     * @param auth who a token belongs to, shared with the other transports
     * @param limiter the connection limits, shared with the other transports
     */
    public HubWebSocketUpgrade(HubEngine hub, HubEventLoops loops, TransportSettings settings, HubSecurity security,
                               HubDrain drain, HandshakeAuth auth, ConnectionLimiter limiter) {
        this.hub = hub;
        this.drain = drain;
        this.loops = loops;
        this.settings = settings;
        this.security = security;
        this.origins = new OriginPolicy(settings.allowedOrigins());
        this.tokens = new TokenExtractor(security.tokenCookie());
        this.auth = auth;
        this.limiter = limiter;
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(settings.maxFrameBytes())
                .allowExtensions(false)
                .allowMaskMismatch(false)
                // HubFrameHandler closes with the violation's code; Netty's decoder would omit it for a bad close frame
                .closeOnProtocolViolation(false)
                .withUTF8Validator(true)
                .build();
    }

    /** Answers an upgrade request; anything that is not an acceptable one gets a JSON error and no upgrade. */
    public void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.GET.equals(request.method())
                || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST,
                    "WebSocket upgrade expected: GET with 'Upgrade: websocket'");
            return;
        }
        String version = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (!WebSocketVersion.V13.toHttpHeaderValue().equals(version)) {
            // RFC 6455 only: Netty would also speak drafts 7 and 8, and draft 75/76 when the version is missing
            HttpResponses.error(ctx, false, HttpResponseStatus.UPGRADE_REQUIRED, "Unsupported WebSocket version: "
                    + (version == null ? "none" : Texts.clip(version, 20)) + " (Sec-WebSocket-Version must be 13)",
                    Map.of(HttpHeaderNames.SEC_WEBSOCKET_VERSION.toString(), WebSocketVersion.V13.toHttpHeaderValue()));
            return;
        }
        String key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key != null && !isValidKey(key)) {
            // a missing key is left to Netty's handshaker below, which names it
            LOG.debug("refused WebSocket handshake: bad Sec-WebSocket-Key");
            HttpResponses.error(ctx, false, HttpResponseStatus.BAD_REQUEST,
                    "Invalid WebSocket handshake: Sec-WebSocket-Key must be 16 bytes in base64");
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!origins.allows(origin, request.headers().get(HttpHeaderNames.HOST))) {
            LOG.debug("refused WebSocket from origin {}", origin);
            HttpResponses.error(ctx, false, HttpResponseStatus.FORBIDDEN, "Origin not allowed");
            return;
        }
        Identity identity;
        try {
            identity = auth.authenticate(tokens.extract(request),
                    "?token=, 'Authorization: Bearer' or the token cookie");
        } catch (InvalidTokenException e) {
            LOG.debug("refused WebSocket: {}", e.getMessage());
            HttpResponses.error(ctx, false, HttpResponseStatus.UNAUTHORIZED, e.getMessage(),
                    Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer"));
            return;
        }
        String ip = clientAddress(ctx.channel());
        ConnectionLimiter.Refusal refusal = limiter.tryAcquire(ip);
        if (refusal != null) {
            HttpResponses.error(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, refusal == ConnectionLimiter.Refusal.TOTAL
                    ? "Too many connections (limits.max-connections)"
                    : "Too many connections from this address (limits.max-connections-per-ip)",
                    Map.of("Retry-After", "5"));
            return;
        }
        Channel channel = ctx.channel();
        channel.closeFuture().addListener(closed -> limiter.release(ip));
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshaker13(location(request), null, decoderConfig);
        try {
            handshaker.handshake(channel, request).addListener(done -> {
                if (done.isSuccess()) {
                    open(channel, identity);
                } else {
                    LOG.debug("WebSocket handshake failed: {}", done.cause().toString());
                    channel.close();
                }
            });
        } catch (WebSocketHandshakeException e) {
            // no Sec-WebSocket-Key, no 'Connection: Upgrade': the client's mistake, not an internal error
            LOG.debug("refused WebSocket handshake: {}", e.getMessage());
            HttpResponses.error(ctx, false, HttpResponseStatus.BAD_REQUEST,
                    "Invalid WebSocket handshake: " + e.getMessage());
        }
    }

    /** RFC 6455 4.1: the key is a random 16-byte value in base64, so 24 characters; Netty accepts any string. */
    static boolean isValidKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private void open(Channel channel, Identity identity) {
        HubLane lane = loops.laneOf(channel.eventLoop());
        HubSession session = new HubSession(channel, lane);
        ChannelPipeline pipeline = channel.pipeline();
        for (String name : HubStages.HTTP_ONLY) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        // text must be valid UTF-8 (RFC 6455 8.1): HubFrameHandler closes a violation with 1007
        pipeline.addLast(HubStages.WS_UTF8, new Utf8FrameValidator(false));
        pipeline.addLast(HubStages.WS_AGGREGATOR, new WebSocketFrameAggregator(settings.maxFrameBytes()));
        pipeline.addLast(HubStages.WS_HEARTBEAT, new HubHeartbeat(settings.heartbeatIntervalMs(), settings.heartbeatTimeoutMs(),
                code -> session.close(code, "no frame within " + settings.heartbeatTimeoutMs() + " ms")));
        ConnectionInbound connection = hub.gateway().open(session, identity);
        pipeline.addLast(HubStages.WS_FRAMES, new HubFrameHandler(session, connection));
        if (!channel.isActive()) {
            connection.onClosed();
            return;
        }
        OpenedConnection.applyTerms(channel, session, identity, drain);
    }

    private static String clientAddress(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(channel.remoteAddress());
    }

    private String location(FullHttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
        return (security.sslContext() != null ? "wss://" : "ws://") + host + TransportSettings.WEBSOCKET_PATH;
    }
}
