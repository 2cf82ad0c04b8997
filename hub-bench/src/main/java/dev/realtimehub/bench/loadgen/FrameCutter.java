package dev.realtimehub.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Cuts the bytes a server sends on one WebSocket connection into frames, in place: each frame is handed over as a
 * range of the buffer that was read, with no frame object, no slice and no copy. Only a frame split between two reads
 * is copied, into a buffer kept until the rest of it arrives.
 *
 * <p>Server frames are never masked (RFC 6455 §5.1); a masked one, or one longer than {@link #MAX_FRAME_BYTES}, ends
 * the connection with a {@link WebSocketProtocolException}.
 *
 * <p>Not thread-safe: confined to the connection's event loop.
 */
final class FrameCutter {

    /** Largest server frame accepted: big {@code batch} frames (500 items of a few hundred bytes) must fit. */
    static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;
    /** The longest frame header a server sends: 2 bytes and a 64-bit length. */
    private static final int MAX_HEADER_BYTES = 10;

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
     *
     * <p>Only the frame that straddles two reads is copied: the kept tail is completed with just the bytes it lacks,
     * handed over, and the rest of the read is cut in place. (Appending whole reads to the kept tail would copy every
     * byte once more as soon as frames stop lining up with reads, which is the normal case when a server writes many
     * frames in one go.)
     */
    void feed(ByteBuf in, ByteBufAllocator allocator, FrameSink sink) {
        try {
            if (pending != null && !complete(in, sink)) {
                return; // the read went into the kept frame, which is still not whole
            }
            int at = cut(in, sink);
            int rest = in.writerIndex() - at;
            if (rest > 0) {
                int whole = frameLength(in, at, in.writerIndex());
                pending = allocator.heapBuffer(Math.max(rest, Math.max(whole, 64)));
                pending.writeBytes(in, at, rest);
            }
        } finally {
            in.release();
        }
    }

    /**
     * Moves into {@link #pending} the bytes of {@code in} its frame still lacks; once it is whole, hands it over and
     * drops it. Returns whether it is (then what is left of {@code in} starts at a frame boundary).
     */
    private boolean complete(ByteBuf in, FrameSink sink) {
        int whole;
        // the header first, a byte at a time (it is at most 10 bytes): its length says what the rest is
        while ((whole = frameLength(pending, pending.readerIndex(), pending.writerIndex())) < 0) {
            if (!in.isReadable()) {
                return false;
            }
            pending.writeByte(in.readByte());
        }
        int take = Math.min(whole - pending.readableBytes(), in.readableBytes());
        pending.writeBytes(in, take);
        if (pending.readableBytes() < whole) {
            return false;
        }
        cut(pending, sink);
        release();
        return true;
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
        int whole;
        while ((whole = frameLength(buf, at, end)) >= 0 && end - at >= whole) {
            int b0 = buf.getByte(at) & 0xFF;
            int length = buf.getByte(at + 1) & 0x7F;
            int header = length == 126 ? 4 : length == 127 ? 10 : 2;
            sink.frame(b0 & 0x0F, (b0 & 0x80) != 0, buf, at + header, at + whole);
            at += whole;
        }
        return at;
    }

    /**
     * The length of the frame (header and payload) that starts at {@code at}, or -1 while its header is not all in
     * [at, end).
     */
    private static int frameLength(ByteBuf buf, int at, int end) {
        if (end - at < 2) {
            return -1;
        }
        int b1 = buf.getByte(at + 1) & 0xFF;
        if ((b1 & 0x80) != 0) {
            throw new WebSocketProtocolException("the server sent a masked frame");
        }
        int length = b1 & 0x7F;
        long payload = length;
        int header = 2;
        if (length == 126) {
            if (end - at < 4) {
                return -1;
            }
            payload = buf.getUnsignedShort(at + 2);
            header = 4;
        } else if (length == 127) {
            if (end - at < MAX_HEADER_BYTES) {
                return -1;
            }
            payload = buf.getLong(at + 2);
            header = MAX_HEADER_BYTES;
        }
        if (payload < 0 || payload > MAX_FRAME_BYTES) {
            throw new WebSocketProtocolException("a frame of " + payload + " bytes (at most " + MAX_FRAME_BYTES + ")");
        }
        return header + (int) payload;
    }
}
