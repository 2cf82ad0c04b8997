package dev.realtimehub.transport.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Map;

/**
 * One HTTP route of the hub. Called on the channel's event loop; must not block, and must answer exactly once (possibly
 * later, from another thread, through {@link HttpResponses}).
 */
@FunctionalInterface
public interface HttpEndpoint {

    /** Answers {@code request}; the handler releases the request after this returns, so retain what is kept. */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request);

    /** {@code endpoint} for GET and HEAD only: any other method gets 405 with {@code Allow: GET, HEAD}. */
    static HttpEndpoint getOnly(HttpEndpoint endpoint) {
        return (ctx, request) -> {
            if (HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method())) {
                endpoint.handle(ctx, request);
            } else {
                HttpResponses.error(ctx, HttpUtil.isKeepAlive(request), HttpResponseStatus.METHOD_NOT_ALLOWED, "Use GET",
                        Map.of(HttpHeaderNames.ALLOW.toString(), "GET, HEAD"));
            }
        };
    }
}
