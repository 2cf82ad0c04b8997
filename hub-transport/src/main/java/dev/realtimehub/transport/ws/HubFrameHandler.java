package dev.realtimehub.transport.ws;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.util.Texts;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageAggregationException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of a WebSocket pipeline: hands text and binary messages to core, answers pings and close frames, and
 * tells core when the channel is gone.
 *
 * <p>Event loop only.
 */
public final class HubFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(HubFrameHandler.class);

        private final HubSession session;
    private final ConnectionInbound connection;

    public HubFrameHandler(HubSession session, ConnectionInbound connection) {
        this.session = session;
        this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session.isClosing()) {
            // we sent our close frame: only the client's answer matters now
            if (frame instanceof CloseWebSocketFrame) {
                ctx.close();
            }
            return;
        }
        if (frame instanceof TextWebSocketFrame text) {
            connection.onText(text.text());
        } else if (frame instanceof BinaryWebSocketFrame) {
            connection.onBinary();
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            int code = close.statusCode();
            if (code >= 0 && !isValidReceivedCode(code)) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR, "invalid close code"))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            // echo the client's close and let the socket go
            ctx.writeAndFlush(new CloseWebSocketFrame(code < 0 ? 1000 : code, ""))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        // pongs only prove liveness, which the heartbeat stage already noted
    }

    /**
     * RFC 6455 7.4: the codes an endpoint may receive — the defined ones (1000–1003, 1007–1011, and 1012–1014 as IANA
     * registered them since) and 3000–4999; anything else fails the connection with 1002. Netty's decoder refuses most
     * of the others but lets every code from 3000 up through, 5000 and 65535 included.
     */
    static boolean isValidReceivedCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            connection.onWritable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.onClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            session.close(CloseCode.TOO_BIG, "message too big");
        } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // RFC 6455 7.1.7: fail the connection with the code the violation calls for (1002, 1007, 1009). The
            // decoders leave that to us: for a malformed close frame Netty's own would send no close frame at all
            WebSocketCloseStatus status = corrupted.closeStatus();
            String reason = corrupted.getMessage() != null ? corrupted.getMessage() : status.reasonText();
            session.close(new CloseCode(status.code(), "protocol_violation", CloseCode.Reconnect.BACKOFF),
                    Texts.clip(reason, 100));
        } else if (cause instanceof MessageAggregationException
                || cause instanceof DecoderException && cause.getCause() instanceof MessageAggregationException) {
            // fragments out of order (RFC 6455 5.4): a new message before the last one ended, or a continuation
            // without a start — also what follows a message whose last fragment the UTF-8 check refused
            session.close(new CloseCode(WebSocketCloseStatus.PROTOCOL_ERROR.code(), "protocol_violation",
                    CloseCode.Reconnect.BACKOFF), "fragments out of order");
        } else if (cause instanceof CorruptedFrameException) {
            ctx.close();
        } else if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // the socket went away, possibly in the middle of a fragmented message: nothing the hub did wrong
            if (LOG.isDebugEnabled()) {
                LOG.debug("connection {} failed: {}", connection.clientId(), cause.toString());
            }
            ctx.close();
        } else {
            LOG.warn("closing connection {} after an internal error", connection.clientId(), cause);
            session.close(CloseCode.INTERNAL_ERROR, "internal error");
        }
    }
}
