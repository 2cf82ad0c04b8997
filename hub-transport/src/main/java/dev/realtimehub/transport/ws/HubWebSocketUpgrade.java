package dev.realtimehub.transport.ws;

import dev.realtimehub.core.api.Hub;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.transport.HubEventLoops;
import dev.realtimehub.transport.HubHttpHandler;
import dev.realtimehub.transport.HubLane;
import dev.realtimehub.transport.TransportSettings;
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
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades {@code GET /api/ws/realtime} to a WebSocket: checks the origin, completes the handshake, rebuilds the pipeline
 * for frames (aggregator, heartbeat, frame handler) and opens the core connection.
 *
 * <p>Event loop only.
 */
public final class HubWebSocketUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(HubWebSocketUpgrade.class);

    private final Hub hub;
    private final HubEventLoops loops;
    private final TransportSettings settings;
    private final OriginPolicy origins;
    private final WebSocketDecoderConfig decoderConfig;

    public HubWebSocketUpgrade(Hub hub, HubEventLoops loops, TransportSettings settings) {
        this.hub = hub;
        this.loops = loops;
        this.settings = settings;
        this.origins = new OriginPolicy(settings.allowedOrigins());
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(settings.maxFrameBytes())
                .allowExtensions(false)
                .allowMaskMismatch(false)
                .closeOnProtocolViolation(true)
                .withUTF8Validator(true)
                .build();
    }

    /** Answers an upgrade request; anything that is not a valid one gets a JSON error. */
    public void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.GET.equals(request.method())
                || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST,
                    "WebSocket upgrade expected: GET with 'Upgrade: websocket'");
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!origins.allows(origin, request.headers().get(HttpHeaderNames.HOST))) {
            LOG.debug("refused WebSocket from origin {}", origin);
            HttpResponses.error(ctx, false, HttpResponseStatus.FORBIDDEN, "Origin not allowed");
            return;
        }
        WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
                location(request), null, decoderConfig);
        WebSocketServerHandshaker handshaker = factory.newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        Channel channel = ctx.channel();
        handshaker.handshake(channel, request).addListener(done -> {
            if (done.isSuccess()) {
                open(channel);
            } else {
                LOG.debug("WebSocket handshake failed: {}", done.cause().toString());
                channel.close();
            }
        });
    }

    private void open(Channel channel) {
        HubLane lane = loops.laneOf(channel.eventLoop());
        HubSession session = new HubSession(channel, lane, settings.outboundHardBytes());
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.remove(HubHttpHandler.class);
        if (pipeline.get("http-keepalive") != null) {
            pipeline.remove("http-keepalive");
        }
        // text must be valid UTF-8 (RFC 6455 8.1): a violation closes with 1007
        pipeline.addLast("ws-utf8", new Utf8FrameValidator(true));
        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(settings.maxFrameBytes()));
        pipeline.addLast("ws-heartbeat", new HubHeartbeat(settings.heartbeatIntervalMs(), settings.heartbeatTimeoutMs(),
                code -> session.close(code, "no frame within " + settings.heartbeatTimeoutMs() + " ms")));
        Connection connection = hub.open(session, null);
        pipeline.addLast("ws-frames", new HubFrameHandler(hub, session, connection));
        if (!channel.isActive()) {
            hub.onClosed(connection);
        }
    }

    private static String location(FullHttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
        return "ws://" + host + TransportSettings.WEBSOCKET_PATH;
    }
}
