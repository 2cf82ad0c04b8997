package dev.realtimehub.transport.sse;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.spi.Lane;
import dev.realtimehub.core.spi.Session;
import dev.realtimehub.core.wire.Replies;
import dev.realtimehub.transport.base.HubLane;
import dev.realtimehub.core.spi.Transports;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One SSE stream as a core {@link Session}: every frame core writes becomes one event chunk of the streaming response
 * ({@link SseFrames}), encoded once per lane; a close becomes a {@code disconnect} event, the response's last chunk and
 * the end of the connection. The client's frames arrive apart, through command POSTs naming {@link #sessionId()}, and
 * are handed to core by {@link #deliver} on this session's lane.
 *
 * <p>Backpressure is the channel's, as for a WebSocket: {@link #queuedBytes()} is what the channel's outbound buffer
 * holds, {@link #congested()} is past its high-water mark, and core's slow-consumer rule decides from those. Unlike a
 * WebSocket session, a slow consumer's backlog is not dropped before the close: the outbound buffer holds HTTP chunks
 * cut into several buffers, and dropping part of one would corrupt the response. Its {@code disconnect} event waits
 * behind the backlog, and the connection is closed after the grace regardless.
 *
 * <p>Lane (event loop) only, apart from {@link #sessionId()}, {@link #lane()} and {@link #transport()}.
 */
final class SseSession implements Session {

    /** How long the {@code disconnect} event may take to leave before the socket is closed regardless. */
    static final long CLOSE_GRACE_MS = 2_000;

    private final Channel channel;
    private final HubLane lane;
    private final String sessionId;
    private final SseFrames frames;
    /** Where this stream's client frames go; set once core opened the connection (lane only). */
    private ConnectionInbound inbound;
    private boolean closing;

    SseSession(Channel channel, HubLane lane, String sessionId, SseFrames frames) {
        this.channel = channel;
        this.lane = lane;
        this.sessionId = sessionId;
        this.frames = frames;
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
        channel.write(new DefaultHttpContent(frames.event(frame, channel.alloc())), channel.voidPromise());
        if (!channel.isWritable()) {
            // past the high-water mark the socket gets it now, not at the burst's flush: only a peer that really does
            // not read ever reaches the hard limit
            channel.flush();
        }
    }

    @Override
    public void flush() {
        if (!closing) {
            channel.flush();
        }
    }

    /** Writes the heartbeat comment, unless the stream is closing or already has a backlog to carry. */
    void ping() {
        if (!closing && channel.isActive() && channel.isWritable()) {
            channel.writeAndFlush(new DefaultHttpContent(SseFrames.ping()), channel.voidPromise());
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
        Frame disconnect = Replies.disconnect(code.code(), reason);
        channel.write(new DefaultHttpContent(SseFrames.encode(disconnect.json(), channel.alloc())),
                channel.voidPromise());
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        // a client that does not read is not waited for longer than the grace
        channel.eventLoop().schedule(() -> {
            if (channel.isOpen()) {
                channel.close();
            }
        }, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
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
