package dev.realtimehub.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The last stage of one load connection: on {@code connected} it subscribes to the benchmark topic, then hands every
 * event and batch frame to its loop's {@link LoopTally}, keeping the connection's own {@link SeqTracker}.
 *
 * <p>Event loop only.
 */
final class LoadClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    /** Hears how a connection attempt ended; called once per attempt, on its event loop. */
    interface Outcome {
        /** The connection is open and subscribed. */
        void subscribed(LoadClientHandler handler);

        /** The attempt failed: no connection, no handshake, or the subscription refused. */
        void failed(String reason);
    }

    private final String subscribeFrame;
    private final LoopTallies tallies;
    private final Outcome outcome;
    private final SeqTracker tracker = new SeqTracker();
    private LoopTally tally;
    private boolean subscribed;
    private boolean settled;
    private int closeCode = -1;

    LoadClientHandler(String topic, LoopTallies tallies, Outcome outcome) {
        this.subscribeFrame = "{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}";
        this.tallies = tallies;
        this.outcome = outcome;
    }

    SeqTracker tracker() {
        return tracker;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        tally = tallies.of(ctx.channel().eventLoop());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            ByteBuf content = frame.content();
            FrameScanner.Kind kind = FrameScanner.kind(content);
            switch (kind) {
                case EVENT, BATCH -> {
                    if (subscribed) {
                        tally.onEventFrame(content, kind == FrameScanner.Kind.BATCH, tracker);
                    }
                }
                case CONNECTED -> ctx.writeAndFlush(new TextWebSocketFrame(subscribeFrame));
                case SUBSCRIBED -> {
                    if (!subscribed) {
                        subscribed = true;
                        tally.add(this);
                        settle(null);
                    }
                }
                case REFUSED -> {
                    settle("subscription refused: " + content.toString(java.nio.charset.StandardCharsets.UTF_8));
                    ctx.close();
                }
                case GAP -> tally.onGap();
                default -> {
                    // pong, error, unsubscription: nothing to count
                }
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (subscribed) {
            tally.onDisconnect();
        } else {
            settle(closeCode > 0 ? "closed with " + closeCode + " before subscribing" : "closed before subscribing");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        settle(cause.toString());
        ctx.close();
    }

    /** Reports the attempt's outcome once; {@code failure} null means subscribed. */
    private void settle(String failure) {
        if (settled) {
            return;
        }
        settled = true;
        if (failure == null) {
            outcome.subscribed(this);
        } else {
            outcome.failed(failure);
        }
    }
}
