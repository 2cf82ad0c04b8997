package dev.realtimehub.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ceiling server's HTTP side: {@code POST /api/publish} with the hub's body shape (one event or an array; answers
 * {@code {"seqs":[…]}}), held while the audience is unwritable ({@link AudienceWritability}), {@code GET /health} and
 * {@code GET /api/ws/stats}. Requests for the WebSocket path never get
 * here: the protocol handler before it upgrades them.
 *
 * <p>Sharable: holds no per-connection state.
 */
@io.netty.channel.ChannelHandler.Sharable
final class CeilingHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final CeilingFanOut fanOut;

    CeilingHttpHandler(CeilingFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if ("/api/publish".equals(path) && HttpMethod.POST.equals(request.method())) {
            // held (request and answer) while a subscriber is unwritable: the publisher slows to what they read
            request.retain();
            fanOut.audience().whenWritable(ctx.executor(), () -> {
                try {
                    publish(ctx, request, keepAlive);
                } finally {
                    request.release();
                }
            });
        } else if ("/health".equals(path)) {
            respond(ctx, keepAlive, HttpResponseStatus.OK, Map.of("status", "ok"));
        } else if ("/api/ws/stats".equals(path)) {
            respond(ctx, keepAlive, HttpResponseStatus.OK, Map.of("total_connections", fanOut.connections(),
                    "published", fanOut.published(), "slow_consumers_closed", fanOut.slowConsumers(),
                    "unwritable", fanOut.audience().unwritable(), "held_publishes", fanOut.audience().held(),
                    "held_too_long", fanOut.audience().heldTooLong()));
        } else {
            respond(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, Map.of("error", "Not found"));
        }
    }

    private void publish(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        JsonNode body;
        try (InputStream in = new ByteBufInputStream(request.content())) {
            body = CeilingFrames.MAPPER.readTree(in);
        } catch (IOException e) {
            respond(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, Map.of("error", "Invalid JSON"));
            return;
        }
        List<JsonNode> events = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(events::add);
        } else if (body != null) {
            events.add(body);
        }
        for (JsonNode event : events) {
            if (!event.isObject() || !event.path("type").isTextual()
                    || !event.path("topic").asText("").matches("[a-z][a-z0-9_]*")) {
                respond(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST,
                        Map.of("error", "Each event needs a 'topic' and a 'type'"));
                return;
            }
        }
        if (events.isEmpty()) {
            respond(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, Map.of("error", "Empty body"));
            return;
        }
        long[] seqs = new long[events.size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = fanOut.publish(events.get(i));
        }
        respond(ctx, keepAlive, HttpResponseStatus.OK, Map.of("seqs", seqs));
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                                Map<String, Object> body) {
        byte[] json;
        try {
            json = CeilingFrames.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(json));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
