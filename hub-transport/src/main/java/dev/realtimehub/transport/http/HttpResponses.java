package dev.realtimehub.transport.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.realtimehub.core.util.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes the hub's HTTP answers: JSON bodies, JSON errors {@code {"error":"…"}}, keep-alive handled. Any thread. */
public final class HttpResponses {

    private HttpResponses() {
    }

    /** Sends {@code body} serialised as JSON with {@code status}. */
    public static ChannelFuture json(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not serialisable", e);
        }
        return send(ctx, keepAlive, status, Unpooled.wrappedBuffer(bytes), "application/json; charset=utf-8");
    }

    /** Sends {@code {"error": message}} with {@code status}. */
    public static ChannelFuture error(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                                      String message) {
        return error(ctx, keepAlive, status, message, Map.of());
    }

    /** Sends {@code {"error": message}} with {@code status} and extra headers (e.g. {@code Retry-After}). */
    public static ChannelFuture error(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                                      String message, Map<String, String> headers) {
        FullHttpResponse response = errorResponse(status, message);
        headers.forEach((name, value) -> response.headers().set(name, value));
        return send(ctx, keepAlive, response);
    }

    /** The response {@code {"error": message}} with {@code status}, for a caller that sends it its own way. */
    public static FullHttpResponse errorResponse(HttpResponseStatus status, String message) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(Map.of("error", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setContentLength(response, bytes.length);
        return response;
    }

    /** Sends a response with the given body and content type. */
    public static ChannelFuture send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, ByteBuf body,
                                     String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return send(ctx, keepAlive, response);
    }

    /** Sends a prepared response, setting its length and connection headers. */
    public static ChannelFuture send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            return ctx.writeAndFlush(response);
        }
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** A plain-text body. */
    public static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
