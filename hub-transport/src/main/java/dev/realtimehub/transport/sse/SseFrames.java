package dev.realtimehub.transport.sse;

import dev.realtimehub.core.api.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Encodes frames as Server-Sent Events: one event per frame, {@code data: <the frame's JSON>} and a blank line. The
 * hub's JSON is compact and escapes every line break inside strings, so a frame is one {@code data:} line; should one
 * ever hold a raw line break, each of its lines becomes a {@code data:} line of its own, which the client's
 * {@code EventSource} joins back with {@code \n}, so the JSON it parses is unchanged.
 *
 * <p>One instance per lane: the last frame's event is kept, so fan-out to many streams of one lane encodes it once and
 * writes retained duplicates. {@link #event} and {@link #release} on the lane only; the static methods from any thread.
 */
final class SseFrames {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    /** The heartbeat: a comment line, which {@code EventSource} ignores. */
    private static final ByteBuf PING = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(8).writeBytes(": ping\n\n".getBytes(StandardCharsets.US_ASCII))).asReadOnly();

    // lane only: the last frame encoded and its event
    private Frame cachedFrame;
    private ByteBuf cachedEvent;

    /** A retained duplicate of the event for {@code frame}; the caller owns (and must write or release) it. */
    ByteBuf event(Frame frame, ByteBufAllocator allocator) {
        if (frame != cachedFrame) {
            if (cachedEvent != null) {
                cachedEvent.release();
            }
            cachedEvent = encode(frame.json(), allocator);
            cachedFrame = frame;
        }
        return cachedEvent.retainedDuplicate();
    }

    /** Drops the kept event (the transport is closing). */
    void release() {
        if (cachedEvent != null) {
            cachedEvent.release();
            cachedEvent = null;
            cachedFrame = null;
        }
    }

    /** The heartbeat comment, a fresh duplicate of one shared buffer. */
    static ByteBuf ping() {
        return PING.duplicate();
    }

    /** The event for {@code json}, in a new buffer. */
    static ByteBuf encode(byte[] json, ByteBufAllocator allocator) {
        int breaks = 0;
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                breaks++;
            }
        }
        ByteBuf buf = allocator.directBuffer(json.length + (breaks + 1) * (DATA.length + 1) + 1);
        buf.writeBytes(DATA);
        if (breaks == 0) {
            buf.writeBytes(json);
        } else {
            for (int i = 0; i < json.length; i++) {
                byte b = json[i];
                if (b == '\r' || b == '\n') {
                    if (b == '\r' && i + 1 < json.length && json[i + 1] == '\n') {
                        i++; // CRLF is one line break
                    }
                    buf.writeByte('\n').writeBytes(DATA);
                } else {
                    buf.writeByte(b);
                }
            }
        }
        return buf.writeByte('\n').writeByte('\n');
    }
}
