package dev.realtimehub.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Cuts the bytes a server sends on one WebSocket connection into frames, in place: each frame is handed over as a
 * range of the buffer that was read, with no frame object, no slice and no copy. Only the tail of a read that holds
 * part of a frame is copied, into a buffer kept until the rest arrives.
 *
 * <p>Server frames are never masked (RFC 6455 §5.1); a masked one, or one longer than {@link #MAX_FRAME_BYTES}, ends
 * the connection with a {@link WebSocketProtocolException}.
 *
 * <p>Not thread-safe: confined to the connection's event loop.
 */
final class FrameCutter {

    /** Largest server frame accepted: big {@code batch} frames (500 items of a few hundred bytes) must fit. */
    static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    /** Receives the frames cut from one read. */
    interface FrameSink {
        /**
         * One whole frame: its payload is {@code buf}'s bytes [start, end), valid only during the call.
         *
         * @param opcode the frame's opcode (1 text, 2 binary, 8 close, 9 ping, 10 pong, 0 continuation)
         * @param fin whether it is the last fragment of its message
         */
        void frame(int opcode, boolean fin, ByteBuf buf, int start, int end);
    }

    private ByteBuf pending;

    /**
     * Hands every whole frame of {@code in}, preceded by what an earlier read left, to {@code sink}, and keeps the rest.
     * Takes ownership of {@code in}.
     */
    void feed(ByteBuf in, ByteBufAllocator allocator, FrameSink sink) {
        if (pending == null) {
            try {
                int at = cut(in, sink);
                int rest = in.writerIndex() - at;
                if (rest > 0) {
                    pending = allocator.heapBuffer(Math.max(rest * 2, 4096));
                    pending.writeBytes(in, at, rest);
                }
            } finally {
                in.release();
            }
            return;
        }
        try {
            pending.writeBytes(in);
        } finally {
            in.release();
        }
        pending.readerIndex(cut(pending, sink));
        if (pending.isReadable()) {
            pending.discardReadBytes();
        } else {
            release();
        }
    }

    /** Drops what is kept; when the connection closes. */
    void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    /** Cuts the whole frames of {@code buf}'s readable bytes; returns where the first incomplete one starts. */
    private static int cut(ByteBuf buf, FrameSink sink) {
        int at = buf.readerIndex();
        int end = buf.writerIndex();
        while (end - at >= 2) {
            int b0 = buf.getByte(at) & 0xFF;
            int b1 = buf.getByte(at + 1) & 0xFF;
            if ((b1 & 0x80) != 0) {
                throw new WebSocketProtocolException("the server sent a masked frame");
            }
            int length = b1 & 0x7F;
            int header = 2;
            long payload = length;
            if (length == 126) {
                if (end - at < 4) {
                    break;
                }
                payload = buf.getUnsignedShort(at + 2);
                header = 4;
            } else if (length == 127) {
                if (end - at < 10) {
                    break;
                }
                payload = buf.getLong(at + 2);
                header = 10;
            }
            if (payload < 0 || payload > MAX_FRAME_BYTES) {
                throw new WebSocketProtocolException("a frame of " + payload + " bytes (at most " + MAX_FRAME_BYTES
                        + ")");
            }
            int frameEnd = at + header + (int) payload;
            if (frameEnd > end) {
                break;
            }
            sink.frame(b0 & 0x0F, (b0 & 0x80) != 0, buf, at + header, frameEnd);
            at = frameEnd;
        }
        return at;
    }
}
