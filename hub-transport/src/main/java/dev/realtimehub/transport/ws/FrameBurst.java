package dev.realtimehub.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The frames one connection receives in one fan-out burst after the first, copied back to back into one pooled
 * buffer that is written as a single message when the burst is flushed.
 *
 * <p>The first frame of a burst goes out as a retained duplicate of the lane's shared buffer (no copy); every further
 * one costs a copy of a few hundred bytes here instead of a buffer duplicate, an outbound-buffer entry, two reference
 * count updates and an iovec each. Under load, when dozens of events reach a connection in one burst, that is what
 * lets the hub write them for less than a shared-buffer server pays per frame.
 *
 * <p>Not thread-safe: confined to the connection's event loop.
 */
final class FrameBurst {

    /** Copied bytes past which the burst is handed to the channel early, so its water marks see it. */
    static final int MAX_BYTES = 64 * 1024;

    private ByteBuf buffer;

    /** Copies the readable bytes of {@code frame} (which stays the caller's) to the end of the burst. */
    void append(ByteBuf frame, ByteBufAllocator allocator) {
        int length = frame.readableBytes();
        if (buffer == null) {
            buffer = allocator.directBuffer(Math.max(1024, 4 * length));
        }
        buffer.writeBytes(frame, frame.readerIndex(), length);
    }

    /** Bytes copied and not yet taken. */
    int size() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    /** Whether the burst has reached {@link #MAX_BYTES}. */
    boolean full() {
        return size() >= MAX_BYTES;
    }

    /** The copied frames, now the caller's to write; {@code null} when there are none. */
    ByteBuf take() {
        ByteBuf taken = buffer;
        buffer = null;
        return taken;
    }

    /** Drops what was copied and not taken (the connection closed). */
    void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }
}
