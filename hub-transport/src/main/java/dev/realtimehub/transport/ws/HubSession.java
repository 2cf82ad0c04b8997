package dev.realtimehub.transport.ws;

import dev.realtimehub.transport.base.OutboundBacklog;
import dev.realtimehub.transport.base.HubStages;
import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.spi.Lane;
import dev.realtimehub.core.spi.Session;
import dev.realtimehub.transport.base.HubLane;
import dev.realtimehub.core.spi.Transports;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket channel as a core {@link Session}: the first frame of a fan-out burst goes out as a retained duplicate
 * of the lane's shared wire buffer, the burst's further frames are copied into one buffer ({@link FrameBurst}) written
 * at the flush. Whether a connection is too far behind is core's decision (its {@code Connection}); when core closes
 * it with 4008 the session drops its queued frames, so that the close frame is the next thing the client reads after
 * what the kernel already holds.
 *
 * <p>Those buffers are complete WebSocket frames already, so they are written from the WebSocket encoder's context:
 * they pass only what lies between it and the socket (TLS, when configured) instead of walking the whole pipeline
 * and the encoder's type check, once per delivery. Close frames, pings and anything else still go through the
 * encoder; all of it is written on the event loop, so the order of the socket is the order of the calls.
 *
 * <p>Lane (event loop) only, as the {@link Session} contract says.
 */
public final class HubSession implements Session {

    private static final Logger LOG = LoggerFactory.getLogger(HubSession.class);

    /** How long a close frame may take to leave before the socket is closed regardless. */
    static final long CLOSE_GRACE_MS = 2_000;

    private final Channel channel;
    private final HubLane lane;
    /** Where encoded frames enter the pipeline: the WebSocket encoder's context, or the whole pipeline without one. */
    private final ChannelOutboundInvoker wire;
    /** The frames of the current burst after its first, copied together (see {@link FrameBurst}). */
    private final FrameBurst burst = new FrameBurst();
    /** Whether a frame was written since the last flush. */
    private boolean inBurst;
    private boolean closing;
    /** Bytes of encoded frames handed to the channel so far (see {@link #sentBytes}). */
    private long handedBytes;

    public HubSession(Channel channel, HubLane lane) {
        this.channel = channel;
        this.lane = lane;
        ChannelHandlerContext encoder = channel.pipeline().context(HubStages.WS_ENCODER);
        this.wire = encoder != null ? encoder : channel;
        channel.closeFuture().addListener(closed -> burst.release());
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
        if (!inBurst) {
            inBurst = true;
            ByteBuf bytes = lane.wireBytes(frame, channel.alloc());
            handedBytes += bytes.readableBytes();
            wire.write(bytes, channel.voidPromise());
        } else {
            burst.append(lane.encoded(frame, channel.alloc()), channel.alloc());
            if (burst.full()) {
                writeBurst();
            }
        }
        if (!channel.isWritable()) {
            // a burst bigger than the high-water mark goes to the socket now instead of waiting for the burst's
            // single flush, so only a peer that really does not read ever reaches the hard limit
            writeBurst();
            wire.flush();
        }
    }

    /**
     * A run every subscriber of the fan-out receives whole: one retained duplicate of the lane's buffer holding all
     * its frames (encoded once per run), after anything this burst already holds.
     */
    @Override
    public void writeRun(Frame[] frames, int count) {
        if (count == 1) {
            write(frames[0]);
            return;
        }
        if (closing) {
            return;
        }
        writeBurst();
        inBurst = true;
        ByteBuf bytes = lane.wireRun(frames, count, channel.alloc());
        handedBytes += bytes.readableBytes();
        wire.write(bytes, channel.voidPromise());
        if (!channel.isWritable()) {
            wire.flush();
        }
    }

    /** Hands the copied frames to the channel, after everything written before them. */
    private void writeBurst() {
        ByteBuf copied = burst.take();
        if (copied != null) {
            handedBytes += copied.readableBytes();
            wire.write(copied, channel.voidPromise());
        }
    }

    @Override
    public boolean congested() {
        return !channel.isWritable();
    }

    @Override
    public void flush() {
        if (closing) {
            return; // nothing is written after the close frame, which close() flushes itself
        }
        writeBurst();
        inBurst = false;
        wire.flush();
    }

    @Override
    public void close(CloseCode code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        if (!channel.isActive()) {
            burst.release();
            return;
        }
        if (CloseCode.SLOW_CONSUMER.equals(code)) {
            discardBacklog();
        } else {
            writeBurst(); // what this burst already holds goes before the close frame
        }
        // RFC 6455 7.1.1: the server closes the socket once the client answered the close frame (HubFrameHandler);
        // closing at once would reset a client that is still sending, and it would never read the close code.
        channel.writeAndFlush(new CloseWebSocketFrame(code.code(), reason)).addListener(sent -> {
            // half-close: the client reads our close frame and then the end of the stream at once, while what it is
            // still sending is read and discarded instead of resetting the connection (not under TLS, which needs
            // its own close_notify: there the grace below ends it)
            if (sent.isSuccess() && channel instanceof DuplexChannel duplex
                    && channel.pipeline().get(SslHandler.class) == null) {
                duplex.shutdownOutput();
            }
        });
        // a client that does not answer, or does not even read, is not waited for longer than the grace
        channel.eventLoop().schedule(() -> {
            if (channel.isOpen()) {
                channel.close();
            }
        }, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Drops what a slow consumer still has queued in the hub, so its close frame comes right after what the kernel
     * already holds (that cannot be taken back): a reader that is slow but alive gets the 4008 within the grace and
     * reconnects at once, instead of being cut off behind its backlog and seeing 1006. Its events are not lost to it:
     * it recovers them with {@code since}.
     *
     * <p>Every message in the outbound buffer is one or more whole WebSocket frames (events are written encoded,
     * control frames through the encoder are single buffers), but the first may be halfway onto the socket: its
     * unwritten rest is kept, or the client would read the close frame as part of it. Entries are removed as if
     * written, not failed: events go out with the void promise, whose failure would fire {@code exceptionCaught}.
     *
     * <p>Under TLS the outbound buffer holds records chained by sequence number, none of which can be dropped; there
     * only the burst not yet handed to the TLS stage is dropped, and the close frame waits behind the rest.
     */
    private void discardBacklog() {
        burst.release();
        long dropped = OutboundBacklog.discard(channel, wire);
        if (LOG.isDebugEnabled()) {
            LOG.debug("slow consumer {}: dropped about {} queued bytes", remoteAddress(), dropped);
        }
    }

    /** Whether a close has been started. */
    public boolean isClosing() {
        return closing;
    }

    /** Bytes written to the channel and not yet on the socket. */
    @Override
    public long queuedBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return (buffer == null ? 0 : buffer.totalPendingWriteBytes()) + burst.size();
    }

    /**
     * What was handed to the channel less what its outbound buffer still holds: it rises exactly when the socket takes
     * bytes (the buffer's per-message overhead and the few control frames make it lag the truth, never lead it).
     */
    @Override
    public long sentBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return handedBytes - (buffer == null ? 0 : buffer.totalPendingWriteBytes());
    }

    @Override
    public String transport() {
        return Transports.WEBSOCKET;
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
