package dev.realtimehub.transport.base;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.transport.http.HttpResponses;
import dev.realtimehub.transport.http.MalformedRequests;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stands before the router: while the server drains, every request — WebSocket upgrades included — is answered 503 with
 * a JSON error and {@code Retry-After}, except {@code /health} (still alive: 200 {@code "status":"draining"}),
 * {@code /health/ready} (503 {@code "status":"unready"}, so load balancers stop sending traffic) and {@code /metrics}.
 * Otherwise it passes every request through untouched. Removed when a connection becomes a WebSocket.
 *
 * <p>Stateless apart from the shared {@link HubDrain}: one instance serves every channel.
 */
@ChannelHandler.Sharable
public final class HubDrainGate extends ChannelInboundHandlerAdapter {

    /** Its name in the pipeline. */

    private final HubEngine hub;
    private final HubDrain drain;

    public HubDrainGate(HubEngine hub, HubDrain drain) {
        this.hub = hub;
        this.drain = drain;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!drain.active() || !(msg instanceof FullHttpRequest request) || request.decoderResult().isFailure()
                || MalformedRequests.problem(request) != null) {
            // a malformed request is the router's to refuse, draining or not
            ctx.fireChannelRead(msg);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if ("/metrics".equals(path)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            refuse(ctx, path);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void refuse(ChannelHandlerContext ctx, String path) {
        if ("/health".equals(path)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "draining");
            body.put("node", hub.nodeId());
            body.put("connections", hub.connectionCount());
            HttpResponses.json(ctx, false, HttpResponseStatus.OK, body);
        } else if ("/health/ready".equals(path)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "unready");
            body.put("reason", "draining: the hub is shutting down");
            body.put("node", hub.nodeId());
            HttpResponses.json(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, body);
        } else {
            HttpResponses.error(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "The hub is shutting down: retry in a few seconds", Map.of("Retry-After",
                            String.valueOf(HubDrain.RETRY_AFTER_SECONDS)));
        }
    }
}
