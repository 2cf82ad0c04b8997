package dev.realtimehub.transport.sse;

import dev.realtimehub.core.spi.ConnectionInbound;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of an SSE stream's pipeline: tells core when the stream's queue drained and when the connection is
 * gone (forgetting the session, so its commands get 404), and discards anything the client still sends on it (its
 * frames come through command POSTs on other connections).
 *
 * <p>Event loop only.
 */
final class SseStreamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SseStreamHandler.class);

    private final SseSession session;
    private final SseSessions sessions;

    SseStreamHandler(SseSession session, SseSessions sessions) {
        this.session = session;
        this.sessions = sessions;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ConnectionInbound inbound = session.inbound();
        if (ctx.channel().isWritable() && inbound != null) {
            inbound.onWritable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        sessions.remove(session);
        ConnectionInbound inbound = session.inbound();
        if (inbound != null) {
            inbound.onClosed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            LOG.debug("SSE stream {} failed: {}", session.remoteAddress(), cause.toString());
        } else {
            LOG.warn("closing SSE stream {} after an internal error", session.remoteAddress(), cause);
        }
        ctx.close();
    }
}
