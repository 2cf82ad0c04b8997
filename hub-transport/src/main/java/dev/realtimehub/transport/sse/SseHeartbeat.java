package dev.realtimehub.transport.sse;

import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes a comment line ({@code : ping}) on an SSE stream every {@code heartbeat.interval-ms}, so proxies that cut idle
 * responses keep it open and the client can tell a quiet stream from a dead one. The client has no way to answer on
 * the stream: a peer that stopped reading is found by core's slow-consumer rule, one that vanished by TCP.
 *
 * <p>Event loop only; one timer per stream, cancelled when the stage is removed or the channel closes.
 */
final class SseHeartbeat extends ChannelHandlerAdapter {

    private final long intervalMs;
    private final SseSession session;
    private ScheduledFuture<?> ticker;

    SseHeartbeat(long intervalMs, SseSession session) {
        this.intervalMs = intervalMs;
        this.session = session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ticker = ctx.executor().scheduleAtFixedRate(() -> {
            if (ctx.channel().isActive()) {
                session.ping();
            } else {
                handlerRemoved(ctx);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(closed -> handlerRemoved(ctx));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }
}
