package dev.realtimehub.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP connection that has not sent a complete request within the deadline — counted from the connection's
 * start and again after every request — so half-sent handshakes and idle sockets cannot pile up. Removed when the
 * connection becomes a WebSocket (heartbeats take over).
 *
 * <p>Event loop only; one instance per channel.
 */
final class HubRequestDeadline extends ChannelDuplexHandler {

    private final long timeoutMs;
    private ScheduledFuture<?> deadline;

    HubRequestDeadline(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest) {
            arm(ctx);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        cancel();
        deadline = ctx.executor().schedule(() -> {
            ctx.close();
        }, timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
