package dev.realtimehub.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One load connection, the only stage of its pipeline: it sends the upgrade request, checks the {@code 101} answer,
 * then cuts the server's bytes into frames itself ({@link FrameCutter}) — no HTTP codec, no WebSocket decoder, no
 * frame objects — subscribes on {@code connected}, answers pings, and hands every event and batch frame to its loop's
 * {@link LoopTally}, keeping the connection's own {@link SeqTracker}.
 *
 * <p>The load generator has one core to read as many frames as the server writes with the other; this is what lets
 * it keep up. Event loop only.
 */
final class LoadClientHandler extends ChannelInboundHandlerAdapter implements FrameCutter.FrameSink {

    /** Hears how a connection attempt ended; called once per attempt, on its event loop. */
    interface Outcome {
        /** The connection is open and subscribed. */
        void subscribed(LoadClientHandler handler);

        /** The attempt failed: no connection, no handshake, or the subscription refused. */
        void failed(String reason);
    }

    /** Opens a client's next connection after the server closed its last one (the reconnect storm). */
    interface Redial {
        void redial(Resumption resumption, long delayMillis, io.netty.channel.EventLoop loop);
    }

    /** Largest upgrade response read. */
    private static final int MAX_RESPONSE_HEAD = 16 * 1024;
    private static final ByteBuf END_OF_HEAD = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    private static final String SWITCHING = "HTTP/1.1 101";

    private final URI webSocketUri;
    private final String subscribeFrame;
    private final LoopTallies tallies;
    private final Outcome outcome;
    private final Resumption resumption;
    private final SeqTracker tracker;
    /** Null unless closed connections come back (the reconnect storm). */
    private final Reconnects reconnects;
    private final Redial redial;
    private final FrameCutter cutter = new FrameCutter();
    private ChannelHandlerContext ctx;
    private LoopTally tally;
    private ByteBuf head;
    private boolean upgraded;
    private boolean subscribed;
    private boolean settled;
    private int closeCode = -1;

    LoadClientHandler(URI webSocketUri, LoopTallies tallies, Outcome outcome, Resumption resumption,
                      Reconnects reconnects, Redial redial) {
        this.webSocketUri = webSocketUri;
        this.subscribeFrame = resumption.subscribeFrame();
        this.tallies = tallies;
        this.outcome = outcome;
        this.resumption = resumption;
        this.tracker = resumption.tracker();
        this.reconnects = reconnects;
        this.redial = redial;
    }

    SeqTracker tracker() {
        return tracker;
    }

    /** What this connection's client subscribes to. */
    Audience.Subscription subscription() {
        return resumption.subscription();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        tally = tallies.of(ctx.channel().eventLoop());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(ClientFrames.upgradeRequest(webSocketUri)));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (upgraded) {
            tally.readStarted();
            cutter.feed(in, ctx.alloc(), this);
            return;
        }
        ByteBuf rest = readHead(in);
        if (rest != null) {
            tally.readStarted();
            cutter.feed(rest, ctx.alloc(), this);
        }
    }

    /** Collects the upgrade response; returns the bytes after it once it is complete and a 101, else null. */
    private ByteBuf readHead(ByteBuf in) {
        if (head == null) {
            head = ctx.alloc().heapBuffer(512);
        }
        head.writeBytes(in);
        in.release();
        int end = ByteBufUtil.indexOf(END_OF_HEAD.duplicate(), head);
        if (end < 0) {
            if (head.readableBytes() > MAX_RESPONSE_HEAD) {
                fail("no end of the upgrade response within " + MAX_RESPONSE_HEAD + " bytes");
            }
            return null;
        }
        String response = head.toString(0, end, StandardCharsets.ISO_8859_1);
        if (!response.startsWith(SWITCHING)) {
            int line = response.indexOf('\r');
            fail("upgrade refused: " + (line < 0 ? response : response.substring(0, line)));
            return null;
        }
        upgraded = true;
        ByteBuf rest = head.retainedSlice(end + END_OF_HEAD.readableBytes(), head.writerIndex() - end - END_OF_HEAD.readableBytes());
        head.release();
        head = null;
        return rest;
    }

    @Override
    public void frame(int opcode, boolean fin, ByteBuf buf, int start, int end) {
        if (!fin || opcode == 0) {
            throw new WebSocketProtocolException("a fragmented message (the load generator reads whole frames only)");
        }
        switch (opcode) {
            case ClientFrames.OPCODE_TEXT -> onText(buf, start, end);
            case ClientFrames.OPCODE_PING -> ctx.writeAndFlush(ClientFrames.pong(ctx.alloc(), buf, start, end));
            case ClientFrames.OPCODE_CLOSE -> {
                closeCode = end - start >= 2 ? buf.getUnsignedShort(start) : 1005;
                ctx.writeAndFlush(ClientFrames.close(ctx.alloc(), 1000));
                ctx.close();
            }
            default -> {
                // pong, binary: nothing to count
            }
        }
    }

    private void onText(ByteBuf buf, int start, int end) {
        FrameScanner.Kind kind = FrameScanner.kind(buf, start, end);
        switch (kind) {
            case EVENT, BATCH -> {
                if (subscribed) {
                    if (reconnects != null && kind == FrameScanner.Kind.EVENT) {
                        resumption.sawSeq(Resumption.hubSeq(buf, start, end));
                    }
                    tally.onEventFrame(buf, start, end, kind == FrameScanner.Kind.BATCH, tracker);
                }
            }
            case CONNECTED -> ctx.writeAndFlush(ClientFrames.text(ctx.alloc(), subscribeFrame));
            case SUBSCRIBED -> {
                if (!subscribed) {
                    subscribed = true;
                    if (reconnects == null) {
                        tally.add(tracker);
                    } else {
                        String reply = Resumption.text(buf, start, end);
                        if (resumption.subscribed(reply)) {
                            tally.add(tracker);
                        } else {
                            reconnects.onResubscribed(reply.contains("\"recovered\":true"),
                                    resumption.disconnectedMicros(), LatencyClock.nowMicros());
                        }
                    }
                    settle(null);
                }
            }
            case REFUSED -> fail("subscription refused: " + buf.toString(start, end - start, StandardCharsets.UTF_8));
            case GAP -> tally.onGap();
            default -> {
                // pong, error, unsubscription: nothing to count
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cutter.release();
        if (head != null) {
            head.release();
            head = null;
        }
        if (subscribed) {
            tally.onDisconnect(closeCode);
            if (reconnects != null && !reconnects.stopping()) {
                long now = LatencyClock.nowMicros();
                reconnects.onDisconnect(now);
                resumption.disconnectedAt(now);
                redial.redial(resumption, reconnects.firstDelayMillis(), ctx.channel().eventLoop());
            }
        } else {
            settle(closeCode > 0 ? "closed with " + closeCode + " before subscribing" : "closed before subscribing");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause instanceof WebSocketProtocolException ? cause.getMessage() : cause.toString());
    }

    private void fail(String reason) {
        settle(reason);
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
