package dev.realtimehub.transport.ws;

import dev.realtimehub.core.api.CloseCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pings the client every interval and closes with 4009 a connection from which nothing at all (frame, ping, pong)
 * arrived for the timeout.
 *
 * <p>Event loop only. One timer per connection, ticking at the interval.
 */
public final class HubHeartbeat extends ChannelDuplexHandler {

    private final long intervalNanos;
    private final long timeoutNanos;
    private final Consumer<CloseCode> closer;
    private long lastReadNanos;
    private ScheduledFuture<?> ticker;

    /**
     * @param closer closes the connection with a code (through the session, so core sees a normal close)
     */
    public HubHeartbeat(long intervalMs, long timeoutMs, Consumer<CloseCode> closer) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        this.closer = closer;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastReadNanos = System.nanoTime();
        long tick = Math.min(intervalNanos, timeoutNanos);
        ticker = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), tick, tick, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handlerRemoved(ctx);
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastReadNanos = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            handlerRemoved(ctx);
            return;
        }
        if (System.nanoTime() - lastReadNanos >= timeoutNanos) {
            handlerRemoved(ctx);
            closer.accept(CloseCode.HEARTBEAT_TIMEOUT);
            return;
        }
        ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER), ctx.voidPromise());
    }
}
