package dev.realtimehub.transport.base;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.ssl.SslHandler;

/**
 * Drops what a channel still holds queued in the hub (not what the kernel already has), for a slow consumer about to
 * be closed with 4008: its close frame or {@code disconnect} event then comes right after what the kernel holds.
 *
 * <p>Every message in the outbound buffer is one or more whole frames or events (both transports write them encoded),
 * but the first may be halfway onto the socket: its unwritten rest is kept, or the client would read what follows as
 * part of it. Entries are removed as if written, not failed: events go out with the void promise, whose failure would
 * fire {@code exceptionCaught}. Under TLS the outbound buffer holds records chained by sequence number, none of which
 * can be dropped: nothing is dropped there.
 *
 * <p>Event loop only.
 */
public final class OutboundBacklog {

    private OutboundBacklog() {
    }

    /**
     * Drops the channel's queued messages but the unwritten rest of the first, which goes back out through
     * {@code wire}; returns about how many bytes were dropped (0 under TLS or without a buffer).
     */
    public static long discard(Channel channel, ChannelOutboundInvoker wire) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        if (buffer == null || channel.pipeline().get(SslHandler.class) != null) {
            return 0;
        }
        buffer.addFlush(); // what was written and not yet flushed becomes removable too
        ByteBuf rest = buffer.currentProgress() > 0 && buffer.current() instanceof ByteBuf head
                ? head.retainedSlice() : null;
        long dropped = buffer.totalPendingWriteBytes() - (rest == null ? 0 : rest.readableBytes());
        // each removal releases its message; the last may fire channelWritabilityChanged, and core's answer to that
        // (a gap frame) writes nothing once the session is closing
        boolean more = true;
        while (more) {
            more = buffer.remove();
        }
        if (rest != null) {
            wire.write(rest, channel.voidPromise());
        }
        return dropped;
    }
}
