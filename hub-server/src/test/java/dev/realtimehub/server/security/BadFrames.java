package dev.realtimehub.server.security;

import static dev.realtimehub.server.security.WsProbe.OP_BINARY;
import static dev.realtimehub.server.security.WsProbe.OP_CLOSE;
import static dev.realtimehub.server.security.WsProbe.OP_CONTINUATION;
import static dev.realtimehub.server.security.WsProbe.OP_PING;
import static dev.realtimehub.server.security.WsProbe.OP_PONG;
import static dev.realtimehub.server.security.WsProbe.OP_TEXT;
import static dev.realtimehub.server.security.WsProbe.frames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.server.security.WsProbe.Case;
import dev.realtimehub.server.security.WsProbe.Close;
import dev.realtimehub.server.security.WsProbe.ControlPong;
import dev.realtimehub.server.security.WsProbe.ErrorFrame;
import dev.realtimehub.server.security.WsProbe.Pong;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Bad WebSocket frames below the protocol: binary and fragmented messages, oversized frames, invalid UTF-8, unmasked
 * frames, reserved bits and opcodes, bad control and close frames — each with the hub's answer (RFC 6455).
 */
final class BadFrames {

    static final String BINARY = "Binary frames are not supported: send JSON text frames";
    static final int PROTOCOL_ERROR = 1002;
    static final int INVALID_PAYLOAD = 1007;
    static final int TOO_BIG = 1009;
    private static final byte[] PING = bytes("{\"action\":\"ping\"}");

    private BadFrames() {
    }

    static Stream<Case> binary() {
        return Stream.of(
                frames("a binary frame", s -> s.sendFrame(true, OP_BINARY, new byte[] {1, 2, 3}),
                        new ErrorFrame(BINARY)),
                frames("an empty binary frame", s -> s.sendFrame(true, OP_BINARY, new byte[0]), new ErrorFrame(BINARY)),
                frames("a binary frame holding a JSON ping", s -> s.sendFrame(true, OP_BINARY, PING),
                        new ErrorFrame(BINARY)),
                frames("a binary message in two fragments", s -> {
                    s.sendFrame(false, OP_BINARY, new byte[] {1});
                    s.sendFrame(true, OP_CONTINUATION, new byte[] {2});
                }, new ErrorFrame(BINARY)),
                frames("a 60 KiB binary frame", s -> s.sendFrame(true, OP_BINARY, new byte[60 * 1024]),
                        new ErrorFrame(BINARY)),
                frames("a 70 KiB binary frame", s -> s.sendFrame(true, OP_BINARY, new byte[70 * 1024]),
                        new Close(TOO_BIG)));
    }

    static Stream<Case> fragmentation() {
        return Stream.of(
                frames("text in two fragments", s -> {
                    s.sendFrame(false, OP_TEXT, bytes("{\"action\":"));
                    s.sendFrame(true, OP_CONTINUATION, bytes("\"dance\"}"));
                }, new ErrorFrame("Unknown action: dance")),
                frames("text in one fragment per byte", s -> {
                    s.sendFrame(false, OP_TEXT, Arrays.copyOfRange(PING, 0, 1));
                    for (int i = 1; i < PING.length; i++) {
                        s.sendFrame(i == PING.length - 1, OP_CONTINUATION, Arrays.copyOfRange(PING, i, i + 1));
                    }
                }, new Pong()),
                frames("empty first and last fragments", s -> {
                    s.sendFrame(false, OP_TEXT, new byte[0]);
                    s.sendFrame(false, OP_CONTINUATION, PING);
                    s.sendFrame(true, OP_CONTINUATION, new byte[0]);
                }, new Pong()),
                frames("a ping control frame between fragments", s -> {
                    s.sendFrame(false, OP_TEXT, bytes("{\"action\":"));
                    s.sendFrame(true, OP_PING, bytes("mid"));
                    assertThat(WsProbe.nextPong(s)).isEqualTo(bytes("mid"));
                    s.sendFrame(true, OP_CONTINUATION, bytes("\"dance\"}"));
                }, new ErrorFrame("Unknown action: dance")),
                frames("a two-byte character split across fragments", s -> {
                    byte[] message = bytes("{\"action\":\"é\"}");
                    s.sendFrame(false, OP_TEXT, Arrays.copyOfRange(message, 0, 12));
                    s.sendFrame(true, OP_CONTINUATION, Arrays.copyOfRange(message, 12, message.length));
                }, new ErrorFrame("Unknown action: é")),
                frames("an emoji split across three fragments", s -> {
                    byte[] message = bytes("{\"action\":\"😀\"}");
                    s.sendFrame(false, OP_TEXT, Arrays.copyOfRange(message, 0, 12));
                    s.sendFrame(false, OP_CONTINUATION, Arrays.copyOfRange(message, 12, 14));
                    s.sendFrame(true, OP_CONTINUATION, Arrays.copyOfRange(message, 14, message.length));
                }, new ErrorFrame("Unknown action: 😀")),
                frames("a final continuation without a start", s -> s.sendFrame(true, OP_CONTINUATION, PING),
                        new Close(PROTOCOL_ERROR)),
                frames("a continuation without a start", s -> s.sendFrame(false, OP_CONTINUATION, PING),
                        new Close(PROTOCOL_ERROR)),
                frames("a new text frame inside a fragmented message", s -> {
                    s.sendFrame(false, OP_TEXT, bytes("{\"action\":"));
                    s.sendFrame(true, OP_TEXT, PING);
                }, new Close(PROTOCOL_ERROR)),
                frames("a binary frame inside a fragmented text message", s -> {
                    s.sendFrame(false, OP_TEXT, bytes("{\"action\":"));
                    s.sendFrame(true, OP_BINARY, new byte[] {1});
                }, new Close(PROTOCOL_ERROR)),
                frames("an unfinished message, then a close", s -> {
                    s.sendFrame(false, OP_TEXT, bytes("{\"action\":"));
                    s.sendFrame(true, OP_CLOSE, closePayload(1000, ""));
                }, new Close(1000)),
                frames("three fragments of 30 KiB", s -> {
                    s.sendFrame(false, OP_TEXT, padding(30 * 1024));
                    s.sendFrame(false, OP_CONTINUATION, padding(30 * 1024));
                    s.sendFrame(true, OP_CONTINUATION, padding(30 * 1024));
                }, new Close(TOO_BIG)),
                frames("65 fragments of 1 KiB, the message still open", s -> {
                    s.sendFrame(false, OP_TEXT, padding(1024));
                    for (int i = 1; i < 65; i++) {
                        s.sendFrame(false, OP_CONTINUATION, padding(1024));
                    }
                }, new Close(TOO_BIG)));
    }

    static Stream<Case> sizes() {
        return Stream.of(
                frames("a 70 KiB text frame", s -> s.sendFrame(true, OP_TEXT, padding(70 * 1024)), new Close(TOO_BIG)),
                frames("a text frame of 64 KiB + 1 byte", s -> s.sendFrame(true, OP_TEXT, padding(64 * 1024 + 1)),
                        new Close(TOO_BIG)),
                frames("a header announcing 2^40 bytes", s -> s.sendRaw(header(0x81, 1L << 40)), new Close(TOO_BIG)),
                frames("a header announcing a negative length", s -> s.sendRaw(header(0x81, Long.MIN_VALUE)),
                        new Close(PROTOCOL_ERROR)));
    }

    static Stream<Case> invalidUtf8() {
        String[] sequences = {
            "c0af", "c1bf", "e080af", "f08080af", "eda080", "edbfbf", "e282", "e28241", "80", "bf", "f5808080", "fe",
            "ff", "f888808080", "f4908080", "c3", "f09f98",
        };
        List<Case> cases = new ArrayList<>();
        for (String hex : sequences) {
            byte[] bad = HexFormat.of().parseHex(hex);
            cases.add(frames("invalid UTF-8 " + hex + " in a text frame", s -> s.sendFrame(true, OP_TEXT,
                    concat(bytes("{\"action\":\""), bad, bytes("\"}"))), new Close(INVALID_PAYLOAD)));
        }
        cases.add(frames("a message ending inside a character", s -> {
            s.sendFrame(false, OP_TEXT, bytes("{\"action\":\"ping\",\"x\":\"a"));
            s.sendFrame(true, OP_CONTINUATION, HexFormat.of().parseHex("f09f98"));
        }, new Close(INVALID_PAYLOAD)));
        cases.add(frames("invalid UTF-8 in a middle fragment", s -> {
            s.sendFrame(false, OP_TEXT, bytes("{\"action\":"));
            s.sendFrame(false, OP_CONTINUATION, HexFormat.of().parseHex("c0af"));
            s.sendFrame(true, OP_CONTINUATION, bytes("\"}"));
        }, new Close(INVALID_PAYLOAD)));
        cases.add(frames("invalid UTF-8 in a close reason", s -> s.sendFrame(true, OP_CLOSE,
                concat(closePayload(1000, ""), HexFormat.of().parseHex("c0af"))), new Close(INVALID_PAYLOAD)));
        return cases.stream();
    }

    static Stream<Case> maskingAndReservedBits() {
        List<Case> cases = new ArrayList<>();
        cases.add(frames("an unmasked text frame", s -> s.sendRaw(unmasked(0x81, PING)), new Close(PROTOCOL_ERROR)));
        cases.add(frames("an unmasked binary frame", s -> s.sendRaw(unmasked(0x82, new byte[] {1})),
                new Close(PROTOCOL_ERROR)));
        cases.add(frames("an unmasked ping", s -> s.sendRaw(unmasked(0x89, bytes("hi"))), new Close(PROTOCOL_ERROR)));
        cases.add(frames("an unmasked close", s -> s.sendRaw(unmasked(0x88, closePayload(1000, ""))),
                new Close(PROTOCOL_ERROR)));
        for (int rsv : new int[] {0x40, 0x20, 0x10}) {
            cases.add(frames("reserved bit 0x" + Integer.toHexString(rsv) + " on a text frame",
                    s -> s.sendRaw(masked(0x81 | rsv, PING)), new Close(PROTOCOL_ERROR)));
        }
        cases.add(frames("reserved bit 0x40 on a ping", s -> s.sendRaw(masked(0x89 | 0x40, bytes("hi"))),
                new Close(PROTOCOL_ERROR)));
        for (int opcode : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            cases.add(frames("reserved opcode 0x" + Integer.toHexString(opcode),
                    s -> s.sendFrame(true, opcode, PING), new Close(PROTOCOL_ERROR)));
        }
        return cases.stream();
    }

    static Stream<Case> controlFrames() {
        byte[] bytes125 = new byte[125];
        new Random(6).nextBytes(bytes125);
        return Stream.of(
                frames("a ping of 126 bytes", s -> s.sendFrame(true, OP_PING, new byte[126]),
                        new Close(PROTOCOL_ERROR)),
                frames("a pong of 126 bytes", s -> s.sendFrame(true, OP_PONG, new byte[126]),
                        new Close(PROTOCOL_ERROR)),
                frames("a close of 126 bytes", s -> s.sendFrame(true, OP_CLOSE,
                        concat(closePayload(1000, ""), padding(124))), new Close(PROTOCOL_ERROR)),
                frames("a fragmented ping", s -> s.sendFrame(false, OP_PING, bytes("hi")), new Close(PROTOCOL_ERROR)),
                frames("a fragmented pong", s -> s.sendFrame(false, OP_PONG, bytes("hi")), new Close(PROTOCOL_ERROR)),
                frames("a fragmented close", s -> s.sendFrame(false, OP_CLOSE, closePayload(1000, "")),
                        new Close(PROTOCOL_ERROR)),
                frames("a ping with a payload", s -> s.sendFrame(true, OP_PING, bytes("hello")),
                        new ControlPong(bytes("hello"))),
                frames("an empty ping", s -> s.sendFrame(true, OP_PING, new byte[0]), new ControlPong(new byte[0])),
                frames("a ping of 125 random bytes", s -> s.sendFrame(true, OP_PING, bytes125),
                        new ControlPong(bytes125)),
                frames("an unsolicited pong is ignored", s -> {
                    s.sendFrame(true, OP_PONG, bytes("surprise"));
                    s.sendFrame(true, OP_TEXT, PING);
                }, new Pong()));
    }

    static Stream<Case> closeFrames() {
        List<Case> cases = new ArrayList<>();
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 5001, 9999, 65535}) {
            cases.add(frames("a close with code " + code, s -> s.sendFrame(true, OP_CLOSE, closePayload(code, "")),
                    new Close(PROTOCOL_ERROR)));
        }
        cases.add(frames("a close with a one-byte payload", s -> s.sendFrame(true, OP_CLOSE, new byte[] {0x03}),
                new Close(PROTOCOL_ERROR)));
        cases.add(frames("an empty close", s -> s.sendFrame(true, OP_CLOSE, new byte[0]), new Close(1000)));
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1011, 1012, 1013, 1014, 3000, 4000, 4999}) {
            cases.add(frames("a close with code " + code + " is echoed",
                    s -> s.sendFrame(true, OP_CLOSE, closePayload(code, "bye")), new Close(code)));
        }
        return cases.stream();
    }

    /** A text frame of exactly {@code length} payload bytes (not valid JSON: the size check comes first). */
    static byte[] padding(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    static byte[] closePayload(int code, String reason) {
        return concat(new byte[] {(byte) (code >>> 8), (byte) code}, bytes(reason));
    }

    /** A frame header with a 64-bit length field and a mask key, and no payload. */
    private static byte[] header(int first, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        out.write(0x80 | 127);
        for (int i = 7; i >= 0; i--) {
            out.write((int) (length >>> (8 * i)));
        }
        out.writeBytes(new byte[] {1, 2, 3, 4});
        return out.toByteArray();
    }

    private static byte[] unmasked(int first, byte[] payload) {
        return concat(new byte[] {(byte) first, (byte) payload.length}, payload);
    }

    /** A complete masked frame with a payload of at most 125 bytes. */
    static byte[] masked(int first, byte[] payload) {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] body = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            body[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return concat(new byte[] {(byte) first, (byte) (0x80 | payload.length)}, mask, body);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
