package dev.realtimehub.transport;

import dev.realtimehub.transport.http.HttpResponses;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;

/**
 * Aggregates HTTP requests up to the body limit; a larger one gets 413 with a JSON error naming the limit, and the
 * connection ends once the client has it.
 */
final class HubHttpAggregator extends HttpObjectAggregator {

    private final int maxBodyBytes;

    HubHttpAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (isContentLengthInvalid(start, maxContentLength)) {
            // no bare 413 from Netty for 'Expect: 100-continue': handleOversizedMessage answers with the JSON one
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest request) {
            HttpUtil.setKeepAlive(request, false);
            FullHttpResponse response = HttpResponses.errorResponse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "Body too large: at most " + maxBodyBytes + " bytes (publish.max-body-bytes)");
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            // the keep-alive stage would close the socket as soon as this answer is written: this connection is done
            // with keep-alive anyway
            if (ctx.pipeline().get(HttpServerKeepAliveHandler.class) != null) {
                ctx.pipeline().remove(HttpServerKeepAliveHandler.class);
            }
            ctx.writeAndFlush(response).addListener(sent -> closeAfterAnswer(ctx, sent.isSuccess()));
        } else {
            ctx.close();
        }
    }

    /**
     * Closing at once, with the rest of an upload unread, resets the connection, and a client still writing may then
     * never read the 413 (RFC 9112, 9.6). So only our side is closed; what the client still sends is discarded until
     * it closes its side, or the request deadline closes the socket. With TLS the socket is closed at once.
     */
    private static void closeAfterAnswer(ChannelHandlerContext ctx, boolean answered) {
        if (answered && ctx.channel() instanceof DuplexChannel socket && ctx.pipeline().get(SslHandler.class) == null) {
            socket.shutdownOutput();
        } else {
            ctx.close();
        }
    }
}
