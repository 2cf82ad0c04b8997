package dev.realtimehub.transport.base;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Encodes complete, unmasked, final server-to-client WebSocket text frames (RFC 6455, section 5.2). */
final class WebSocketWire {

    private static final int OPCODE_TEXT_FIN = 0x81;

    private WebSocketWire() {
    }

    /** A direct buffer holding the whole frame for {@code payload}. */
    static ByteBuf textFrame(byte[] payload, ByteBufAllocator allocator) {
        ByteBuf buf = allocator.directBuffer(frameLength(payload.length));
        writeTextFrame(payload, buf);
        return buf;
    }

    /** Bytes of the whole frame (header and payload) for a payload of {@code length} bytes. */
    static int frameLength(int length) {
        return (length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10) + length;
    }

    /** Appends the whole frame for {@code payload} to {@code buf}. */
    static void writeTextFrame(byte[] payload, ByteBuf buf) {
        int length = payload.length;
        buf.writeByte(OPCODE_TEXT_FIN);
        if (length <= 125) {
            buf.writeByte(length);
        } else if (length <= 0xFFFF) {
            buf.writeByte(126);
            buf.writeShort(length);
        } else {
            buf.writeByte(127);
            buf.writeLong(length);
        }
        buf.writeBytes(payload);
    }
}
