package dev.realtimehub.transport.sse;

import dev.realtimehub.core.api.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Encodes frames as Server-Sent Events on the wire: one event per frame, {@code data: <the frame's JSON>} and a blank
 * line, inside one HTTP/1.1 chunk ({@code <size in hex>CRLF <event> CRLF}). The hub's JSON is compact and escapes every
 * line break inside strings, so a frame is one {@code data:} line; should one ever hold a raw line break, each of its
 * lines becomes a {@code data:} line of its own, which the client's {@code EventSource} joins back with {@code \n}, so
 * the JSON it parses is unchanged.
 *
 * <p>The bytes are complete chunks, the same for every stream, so sessions write them past the HTTP encoder (as
 * WebSocket sessions write complete frames), and every entry of a stream's outbound buffer is one whole chunk: what a
 * slow consumer has not been sent can be dropped without cutting the response's framing. An HTTP/1.0 stream, which has
 * no chunks, gets the event alone: a slice of the same buffer.
 *
 * <p>One instance per lane: the last frame's chunk is kept, so fan-out to many streams of one lane encodes it once and
 * writes retained duplicates. {@link #event} and {@link #release} on the lane only; the static methods from any thread.
 */
final class SseFrames {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    /** The heartbeat: a comment line, which {@code EventSource} ignores. */
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf PING_CHUNK = shared(chunk(PING, Unpooled.buffer()));
    private static final ByteBuf PING_PLAIN = shared(Unpooled.wrappedBuffer(PING));
    /** The end of a chunked response: the last, empty chunk. */
    private static final ByteBuf LAST_CHUNK = shared(Unpooled.wrappedBuffer("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

    // lane only: the last frame encoded, its chunk, and where the event starts in it
    private Frame cachedFrame;
    private ByteBuf cachedChunk;
    private int eventStart;

    /**
     * A retained duplicate of the wire bytes for {@code frame}: its chunk, or for an unchunked (HTTP/1.0) stream the
     * event alone. The caller owns (and must write or release) it.
     */
    ByteBuf event(Frame frame, boolean chunked, ByteBufAllocator allocator) {
        if (frame != cachedFrame) {
            release();
            byte[] event = encode(frame.json());
            cachedChunk = chunk(event, allocator.directBuffer(event.length + 12));
            eventStart = cachedChunk.readableBytes() - event.length - CRLF.length;
            cachedFrame = frame;
        }
        if (chunked) {
            return cachedChunk.retainedDuplicate();
        }
        return cachedChunk.retainedSlice(eventStart, cachedChunk.readableBytes() - eventStart - CRLF.length);
    }

    /** Drops the kept chunk (the transport is closing). */
    void release() {
        if (cachedChunk != null) {
            cachedChunk.release();
            cachedChunk = null;
            cachedFrame = null;
        }
    }

    /** The wire bytes of one event of its own (the {@code disconnect} event), in a new buffer. */
    static ByteBuf single(Frame frame, boolean chunked, ByteBufAllocator allocator) {
        byte[] event = encode(frame.json());
        return chunked ? chunk(event, allocator.directBuffer(event.length + 12)) : Unpooled.wrappedBuffer(event);
    }

    /** The heartbeat comment, a fresh duplicate of one shared buffer. */
    static ByteBuf ping(boolean chunked) {
        return (chunked ? PING_CHUNK : PING_PLAIN).duplicate();
    }

    /** The response's last chunk. */
    static ByteBuf lastChunk() {
        return LAST_CHUNK.duplicate();
    }

    /** The event for {@code json}: {@code data:} lines and a blank line. */
    static byte[] encode(byte[] json) {
        int breaks = 0;
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                breaks++;
            }
        }
        if (breaks == 0) {
            byte[] event = new byte[DATA.length + json.length + 2];
            System.arraycopy(DATA, 0, event, 0, DATA.length);
            System.arraycopy(json, 0, event, DATA.length, json.length);
            event[event.length - 2] = '\n';
            event[event.length - 1] = '\n';
            return event;
        }
        ByteBuf buf = Unpooled.buffer(json.length + (breaks + 1) * (DATA.length + 1) + 1);
        buf.writeBytes(DATA);
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
        buf.writeByte('\n').writeByte('\n');
        byte[] event = new byte[buf.readableBytes()];
        buf.readBytes(event);
        return event;
    }

    /** Writes {@code event} as one HTTP/1.1 chunk to {@code buf}; returns {@code buf}. */
    private static ByteBuf chunk(byte[] event, ByteBuf buf) {
        buf.writeCharSequence(Integer.toHexString(event.length), StandardCharsets.US_ASCII);
        return buf.writeBytes(CRLF).writeBytes(event).writeBytes(CRLF);
    }

    private static ByteBuf shared(ByteBuf buf) {
        return Unpooled.unreleasableBuffer(buf).asReadOnly();
    }
}
