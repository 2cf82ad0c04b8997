package dev.realtimehub.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.util.UUID;

/**
 * The ceiling server's side of one WebSocket connection: sends {@code connected} once the handshake is done, and
 * answers {@code subscribe}, {@code unsubscribe} and {@code ping} as the hub does (any topic is accepted).
 *
 * <p>Event loop only; one instance per connection.
 */
final class CeilingFrameHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

    private final CeilingFanOut fanOut;
    private CeilingLane lane;
    private CeilingSubscriber subscriber;
    /** Whether this connection is counted among the audience's unwritable ones. */
    private boolean countedUnwritable;

    CeilingFrameHandler(CeilingFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            lane = fanOut.lane(ctx.channel().eventLoop());
            subscriber = new CeilingSubscriber(ctx.channel());
            lane.opened(subscriber);
            fanOut.audience().joined();
            send(ctx, CeilingFrames.connected(UUID.randomUUID().toString(), System.currentTimeMillis()));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        JsonNode message;
        try {
            message = CeilingFrames.MAPPER.readTree(frame.text());
        } catch (IOException e) {
            send(ctx, CeilingFrames.error("Invalid JSON format"));
            return;
        }
        String action = message == null ? null : message.path("action").asText(null);
        String topic = message == null ? null : message.path("topic").asText(null);
        if ("subscribe".equals(action) && topic != null) {
            lane.subscribe(topic, subscriber);
            send(ctx, CeilingFrames.subscribed(topic, fanOut.seq(topic)));
        } else if ("unsubscribe".equals(action) && topic != null) {
            lane.unsubscribe(topic, subscriber);
            send(ctx, CeilingFrames.unsubscribed(topic));
        } else if ("ping".equals(action)) {
            send(ctx, CeilingFrames.pong());
        } else {
            send(ctx, CeilingFrames.error("Unknown action: " + action));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (subscriber != null) {
            boolean writable = ctx.channel().isWritable();
            if (!writable && !countedUnwritable) {
                countedUnwritable = true;
                fanOut.audience().becameUnwritable();
            } else if (writable && countedUnwritable) {
                countedUnwritable = false;
                fanOut.audience().becameWritable();
            }
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (subscriber != null) {
            lane.closed(subscriber);
            subscriber = null;
            if (countedUnwritable) {
                countedUnwritable = false;
                fanOut.audience().becameWritable();
            }
            fanOut.audience().left();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static void send(ChannelHandlerContext ctx, byte[] json) {
        ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(json)));
    }
}
