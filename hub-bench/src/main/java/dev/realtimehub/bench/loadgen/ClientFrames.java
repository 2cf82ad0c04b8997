package dev.realtimehub.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a load connection writes, built by hand: the HTTP upgrade request and masked client frames (RFC 6455 §5.3; a
 * client must mask every frame it sends).
 *
 * <p>Stateless and thread-safe.
 */
final class ClientFrames {

    static final int OPCODE_TEXT = 1;
    static final int OPCODE_CLOSE = 8;
    static final int OPCODE_PING = 9;
    static final int OPCODE_PONG = 10;

    private ClientFrames() {
    }

    /** The upgrade request for {@code uri}, with a fresh {@code Sec-WebSocket-Key}. */
    static byte[] upgradeRequest(URI uri) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    /** A masked text frame carrying {@code text}. */
    static ByteBuf text(ByteBufAllocator allocator, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return masked(allocator, OPCODE_TEXT, payload, 0, payload.length);
    }

    /** A masked pong answering a ping whose payload is {@code buf}'s bytes [start, end). */
    static ByteBuf pong(ByteBufAllocator allocator, ByteBuf buf, int start, int end) {
        byte[] payload = new byte[end - start];
        buf.getBytes(start, payload);
        return masked(allocator, OPCODE_PONG, payload, 0, payload.length);
    }

    /** A masked close frame with {@code code} (1000: normal closure). */
    static ByteBuf close(ByteBufAllocator allocator, int code) {
        byte[] payload = {(byte) (code >> 8), (byte) code};
        return masked(allocator, OPCODE_CLOSE, payload, 0, payload.length);
    }

    private static ByteBuf masked(ByteBufAllocator allocator, int opcode, byte[] payload, int from, int length) {
        ByteBuf frame = allocator.buffer(length + 14);
        frame.writeByte(0x80 | opcode);
        if (length < 126) {
            frame.writeByte(0x80 | length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(0x80 | 126).writeShort(length);
        } else {
            frame.writeByte(0x80 | 127).writeLong(length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < length; i++) {
            frame.writeByte(payload[from + i] ^ mask[i & 3]);
        }
        return frame;
    }
}
