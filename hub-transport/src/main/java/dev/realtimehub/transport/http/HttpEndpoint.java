package dev.realtimehub.transport.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * One HTTP route of the hub. Called on the channel's event loop; must not block, and must answer exactly once (possibly
 * later, from another thread, through {@link HttpResponses}).
 */
@FunctionalInterface
public interface HttpEndpoint {

    /** Answers {@code request}; the handler releases the request after this returns, so retain what is kept. */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request);
}
