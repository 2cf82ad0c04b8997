package dev.realtimehub.transport.sse;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.spi.Lane;
import dev.realtimehub.core.spi.Session;
import dev.realtimehub.core.spi.Transports;
import dev.realtimehub.core.wire.Replies;
import dev.realtimehub.transport.base.OutboundBacklog;
import dev.realtimehub.transport.base.HubLane;
import dev.realtimehub.transport.base.HubStages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.HttpResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSE stream as a core {@link Session}: every frame core writes becomes one event of the streaming response, a
 * complete chunk encoded once per lane ({@link SseFrames}) and written past the HTTP encoder; a close becomes a
 * {@code disconnect} event, the response's last chunk and the end of the connection. The client's frames arrive apart,
 * through command POSTs naming {@link #sessionId()}, and are handed to core by {@link #deliver} on this session's lane.
 *
 * <p>Backpressure is the channel's, as for a WebSocket: {@link #queuedBytes()} is what the channel's outbound buffer
 * holds, {@link #congested()} is past its high-water mark, and core's slow-consumer rule decides from those. When core
 * closes a slow consumer (4008), what it still holds queued is dropped — every entry is one whole chunk — so its
 * {@code disconnect} event comes right after what the kernel already took.
 *
 * <p>Lane (event loop) only, apart from {@link #sessionId()}, {@link #lane()} and {@link #transport()}.
 */
final class SseSession implements Session {

    private static final Logger LOG = LoggerFactory.getLogger(SseSession.class);

    /** How long the {@code disconnect} event may take to leave before the socket is closed regardless. */
    static final long CLOSE_GRACE_MS = 2_000;

    private final Channel channel;
    private final HubLane lane;
    private final String sessionId;
    private final SseFrames frames;
    private final boolean chunked;
    /** Where the events enter the pipeline: past the HTTP codec (TLS, when configured, still sees them). */
    private final ChannelOutboundInvoker wire;
    /** Where this stream's client frames go; set once core opened the connection (lane only). */
    private ConnectionInbound inbound;
    /** Whether the response head is on the socket: from then on, every queued entry is an event chunk. */
    private boolean headSent;
    private boolean closing;
    /** Bytes of encoded events handed to the channel so far (see {@link #sentBytes}). */
    private long handedBytes;

    /** @param chunked whether the response is chunked (HTTP/1.1), or the rest of the connection (HTTP/1.0) */
    SseSession(Channel channel, HubLane lane, String sessionId, SseFrames frames, boolean chunked) {
        this.channel = channel;
        this.lane = lane;
        this.sessionId = sessionId;
        this.frames = frames;
        this.chunked = chunked;
        ChannelHandlerContext codec = channel.pipeline().context(HubStages.HTTP_CODEC);
        this.wire = codec != null ? codec : channel;
    }

    /** Writes the response head through the HTTP encoder; the events follow it. */
    void writeHead(HttpResponse head) {
        channel.write(head).addListener(sent -> headSent = sent.isSuccess());
    }

    void opened(ConnectionInbound connection) {
        this.inbound = connection;
    }

    /** Core's side of this connection, or null before it opened. */
    ConnectionInbound inbound() {
        return inbound;
    }

    /**
     * Hands the client's frames to core, in order; false, handing nothing, when the stream is closing or gone (the
     * command then gets 404).
     */
    boolean deliver(List<String> texts) {
        if (closing || inbound == null || !channel.isActive()) {
            return false;
        }
        for (String text : texts) {
            if (closing) {
                break; // a frame before closed the connection (the inbound rate limit)
            }
            inbound.onText(text);
        }
        return true;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public String transport() {
        return Transports.SSE;
    }

    @Override
    public Lane lane() {
        return lane;
    }

    @Override
    public void write(Frame frame) {
        if (closing) {
            return;
        }
        ByteBuf bytes = frames.event(frame, chunked, channel.alloc());
        handedBytes += bytes.readableBytes();
        wire.write(bytes, channel.voidPromise());
        if (!channel.isWritable()) {
            // past the high-water mark the socket gets it now, not at the burst's flush: only a peer that really does
            // not read ever reaches the hard limit
            wire.flush();
        }
    }

    @Override
    public void flush() {
        if (!closing) {
            wire.flush();
        }
    }

    /** Writes the heartbeat comment, unless the stream is closing or already has a backlog to carry. */
    void ping() {
        if (!closing && channel.isActive() && channel.isWritable()) {
            wire.writeAndFlush(SseFrames.ping(chunked), channel.voidPromise());
        }
    }

    @Override
    public boolean congested() {
        return !channel.isWritable();
    }

    @Override
    public long queuedBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** What was handed to the channel less what its outbound buffer still holds (see {@code HubSession}). */
    @Override
    public long sentBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return handedBytes - (buffer == null ? 0 : buffer.totalPendingWriteBytes());
    }

    /** Whether a close has been started. */
    boolean isClosing() {
        return closing;
    }

    @Override
    public void close(CloseCode code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        if (!channel.isActive()) {
            return;
        }
        if (CloseCode.SLOW_CONSUMER.equals(code)) {
            discardBacklog();
        }
        wire.write(SseFrames.single(Replies.disconnect(code.code(), reason), chunked, channel.alloc()),
                channel.voidPromise());
        ByteBuf end = chunked ? SseFrames.lastChunk() : Unpooled.EMPTY_BUFFER;
        wire.writeAndFlush(end).addListener(ChannelFutureListener.CLOSE);
        // a client that does not read is not waited for longer than the grace
        channel.eventLoop().schedule(() -> {
            if (channel.isOpen()) {
                channel.close();
            }
        }, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Drops what a slow consumer still has queued in the hub, so its {@code disconnect} event comes right after what
     * the kernel already holds: a reader that is slow but alive gets the 4008 within the grace and reconnects at once,
     * recovering what it missed with {@code since}. Each entry is one whole event (or chunk), but the first may be
     * halfway onto the socket: its unwritten rest is kept. Not before the response head is out (it is an entry too),
     * and not under TLS, whose records cannot be dropped.
     */
    private void discardBacklog() {
        if (!headSent) {
            return; // the response head is an entry too, and must go out
        }
        long dropped = OutboundBacklog.discard(channel, wire);
        if (LOG.isDebugEnabled()) {
            LOG.debug("slow SSE consumer {}: dropped about {} queued bytes", remoteAddress(), dropped);
        }
    }

    @Override
    public String remoteAddress() {
        SocketAddress address = channel.remoteAddress();
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(address);
    }
}
