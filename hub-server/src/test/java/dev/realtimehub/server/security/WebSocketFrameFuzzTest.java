package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.server.testing.FuzzTries;
import dev.realtimehub.server.testing.RawWebSocket.ServerFrame;
import dev.realtimehub.server.testing.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the hub's WebSocket frame parsing on a real socket, with two targets fed raw bytes: {@code wellFramed} reads
 * them as a sequence of well-framed but wild frames (any opcode, FIN, reserved bits, fragmentation, control frames,
 * close codes, binary, invalid UTF-8, over-long messages) followed by a protocol ping; {@code rawBytes} sends them as
 * they are (wrong lengths, unmasked frames, truncated headers) and then ends the client's output.
 *
 * <p>Properties: the hub answers with protocol frames only (text frames are UTF-8 JSON with a type, an error with a
 * message), closes with a documented code (1002, 1007, 1008, 1009, or the echo of the client's own close) and then ends
 * the socket, never leaves a connection hanging, logs nothing at WARN or above, leaks no buffer, and keeps serving a
 * well-behaved client. The {@code @FuzzTest}s replay the corpus in every build and fuzz under {@code JAZZER_FUZZ=1}
 * (bench/run.sh fuzz); the {@code ...ShortRun} tests run a few hundred mutants of it ({@link FuzzTries}).
 */
class WebSocketFrameFuzzTest {

    private static final Set<Integer> HUB_CLOSE_CODES = Set.of(1002, 1007, 1008, 1009);
    private static final byte[] PING = "{\"action\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    private static final int TIMEOUT_MS = 5_000;
    private static FuzzedHub hub;

    @BeforeAll
    static void start() {
        hub = FuzzedHub.start(b -> { });
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @FuzzTest(maxDuration = "5m")
    void wellFramed(byte[] input) throws IOException {
        List<Frame> frames = Frame.decode(input);
        try (RawWebSocket socket = open()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Set<Integer> allowed = new HashSet<>(HUB_CLOSE_CODES);
            for (Frame frame : frames) {
                bytes.writeBytes(frame.encode());
                if (frame.opcode() == 8) { // the hub echoes a client's close
                    allowed.add(frame.payload().length >= 2
                            ? ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF) : 1005);
                    allowed.add(1000);
                }
            }
            bytes.writeBytes(new Frame(true, 0, 1, PING).encode());
            socket.sendRaw(bytes.toByteArray());
            readUntilPongOrClose(socket, allowed);
        }
        hub.assertHealthy(frames);
    }

    @FuzzTest(maxDuration = "5m")
    void rawBytes(byte[] input) throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendRaw(input);
            socket.shutdownOutput();
            readUntilEnd(socket, echoedCloseCodes(input));
        }
        hub.assertHealthy(FuzzTries.preview(input));
    }

    @Test
    void wellFramedShortRun() {
        FuzzTries.run(getClass(), "wellFramed", this::wellFramed);
    }

    @Test
    void rawBytesShortRun() {
        FuzzTries.run(getClass(), "rawBytes", this::rawBytes);
    }

    /**
     * One frame as a client may send it, always masked; {@code payload} is sent as it is. Decoded from fuzzer bytes:
     * per frame a head byte (FIN, three reserved bits, opcode), a length byte (0..126 bytes of payload follow; 127:
     * the next byte times 1 KiB of zeros), the payload; at most 8 frames.
     */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        static List<Frame> decode(byte[] input) {
            List<Frame> frames = new ArrayList<>();
            int at = 0;
            while (at + 2 <= input.length && frames.size() < 8) {
                int head = input[at++] & 0xFF;
                int length = input[at++] & 0x7F;
                byte[] payload;
                if (length == 127) {
                    payload = new byte[at < input.length ? (input[at++] & 0xFF) * 1024 : 0];
                } else {
                    length = Math.min(length, input.length - at);
                    payload = java.util.Arrays.copyOfRange(input, at, at + length);
                    at += length;
                }
                frames.add(new Frame((head & 0x80) != 0, (head >>> 4) & 7, head & 0x0F, payload));
            }
            return frames;
        }

        byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
            int length = payload.length;
            if (length <= 125) {
                out.write(0x80 | length);
            } else if (length <= 0xFFFF) {
                out.write(0x80 | 126);
                out.write(length >>> 8);
                out.write(length);
            } else {
                out.write(0x80 | 127);
                for (int i = 7; i >= 0; i--) {
                    out.write((int) ((long) length >>> (8 * i)));
                }
            }
            byte[] mask = {0x11, 0x22, 0x33, 0x44};
            out.writeBytes(mask);
            for (int i = 0; i < length; i++) {
                out.write(payload[i] ^ mask[i % 4]);
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return "Frame[fin=" + fin + ", rsv=" + rsv + ", opcode=" + opcode + ", payload="
                    + (payload.length > 40 ? payload.length + " bytes" : HexFormat.of().formatHex(payload)) + "]";
        }
    }

    // ---- checks ----

    private static RawWebSocket open() throws IOException {
        RawWebSocket socket = RawWebSocket.connect(hub.port());
        assertThat(socket.upgraded()).as("handshake: %s", socket.handshakeResponse()).isTrue();
        socket.timeout(TIMEOUT_MS);
        socket.readTextContaining("\"connected\"");
        return socket;
    }

    /** Reads until the protocol pong (the connection survived) or a close with an allowed code and the socket's end. */
    private static void readUntilPongOrClose(RawWebSocket socket, Set<Integer> allowed) throws IOException {
        while (true) {
            ServerFrame frame = next(socket);
            if (frame == null) {
                fail("the socket ended without a close frame and without answering the ping");
            }
            if (frame.opcode() == 8) {
                assertThat(frame.closeCode()).as("close code").isIn(allowed);
                assertEnds(socket);
                return;
            }
            if (frame.opcode() == 1 && "pong".equals(reply(frame).path("type").asText())) {
                return;
            }
        }
    }

    /** Reads until the socket ends: every frame well-formed, a close (if any) with a hub code, nothing hanging. */
    private static void readUntilEnd(RawWebSocket socket, Set<Integer> allowed) throws IOException {
        ServerFrame frame;
        while ((frame = next(socket)) != null) {
            if (frame.opcode() == 8) {
                assertThat(frame.closeCode()).as("close code").isIn(allowed);
                assertEnds(socket);
                return;
            }
            if (frame.opcode() == 1) {
                reply(frame);
            }
        }
    }

    /**
     * The hub's close codes, plus the code of the first close frame among the well-formed masked frames the input
     * starts with (the hub echoes a client's close, RFC 6455 5.5.1) and 1000.
     */
    private static Set<Integer> echoedCloseCodes(byte[] input) {
        Set<Integer> allowed = new HashSet<>(HUB_CLOSE_CODES);
        int at = 0;
        while (at + 6 <= input.length && (input[at + 1] & 0x80) != 0) {
            int opcode = input[at] & 0x0F;
            int length = input[at + 1] & 0x7F;
            if (length > 125) {
                return allowed; // no control frame; the hub answers before or without an echo
            }
            int payload = at + 6;
            if (payload + length > input.length) {
                return allowed;
            }
            if (opcode == 8) {
                allowed.add(1000);
                allowed.add(length < 2 ? 1005 : (((input[payload] ^ input[at + 2]) & 0xFF) << 8)
                        | ((input[payload + 1] ^ input[at + 3]) & 0xFF));
                return allowed;
            }
            at = payload + length;
        }
        return allowed;
    }

    private static ServerFrame next(RawWebSocket socket) throws IOException {
        try {
            return socket.readFrame();
        } catch (EOFException | SocketException ended) {
            return null;
        } catch (SocketTimeoutException hang) {
            return fail("the hub left the connection open and silent for %d ms", TIMEOUT_MS);
        }
    }

    private static void assertEnds(RawWebSocket socket) throws IOException {
        ServerFrame extra = next(socket);
        assertThat(extra).as("a frame after the close frame").isNull();
    }

    /** A text frame is UTF-8 JSON with a type; an error frame carries a message. */
    private static JsonNode reply(ServerFrame frame) throws IOException {
        JsonNode message = Json.mapper().readTree(WsProbe.strictText(frame));
        assertThat(message.path("type").asText()).as("type of %s", frame.text()).isNotEmpty();
        if ("error".equals(message.path("type").asText())) {
            assertThat(message.path("message").asText()).as("message of %s", frame.text()).isNotBlank();
        }
        return message;
    }
}
