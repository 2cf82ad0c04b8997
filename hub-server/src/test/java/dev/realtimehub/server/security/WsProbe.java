package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.server.testing.RawWebSocket;
import dev.realtimehub.server.testing.RawWebSocket.ServerFrame;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;

/**
 * Runs one bad-input case on a fresh WebSocket connection and checks the hub's answer: a reply frame after which the
 * connection still answers a ping, or a close frame with a code followed by the end of the socket.
 */
final class WsProbe {

    /** Frames that answer a client frame; everything else (events, batches, gaps) is skipped while waiting. */
    private static final Set<String> REPLY_TYPES = Set.of("error", "subscription", "unsubscription", "pong");
    private static final int TIMEOUT_MS = 5_000;
    static final int OP_CONTINUATION = 0;
    static final int OP_TEXT = 1;
    static final int OP_BINARY = 2;
    static final int OP_CLOSE = 8;
    static final int OP_PING = 9;
    static final int OP_PONG = 10;

    private WsProbe() {
    }

    /** What the client does on the connection. */
    @FunctionalInterface
    interface Send {
        void to(RawWebSocket socket) throws IOException;
    }

    /** What the hub must answer. */
    sealed interface Expect {
    }

    /** An {@code error} frame with exactly this message; the connection stays open. */
    record ErrorFrame(String message) implements Expect {
    }

    /** A refused {@code subscription} or {@code unsubscription} echoing {@code topic} (null: none), with the reason. */
    record Refused(String type, String topic, String error) implements Expect {
    }

    /** A successful {@code subscription} reply; {@code recovered} null when none must be reported. */
    record Subscribed(String topic, Boolean recovered) implements Expect {
    }

    /** A {@code pong} reply: the frame was understood. */
    record Pong() implements Expect {
    }

    /** A WebSocket pong control frame carrying exactly {@code payload}. */
    record ControlPong(byte[] payload) implements Expect {
    }

    /** A close frame with {@code code}, then the hub closes the socket. */
    record Close(int code) implements Expect {
    }

    /** One case: its name, what it sends and what it expects. */
    record Case(String name, Send send, Expect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case text(String name, String frame, Expect expect) {
        return new Case(name, socket -> socket.sendText(frame), expect);
    }

    static Case frames(String name, Send send, Expect expect) {
        return new Case(name, send, expect);
    }

    /** Runs {@code probe} on a fresh connection to the hub on {@code port}; a failure names the case. */
    static void run(int port, Case probe) throws IOException {
        try {
            runUnnamed(port, probe);
        } catch (AssertionError | IOException e) {
            throw new AssertionError(probe.name() + ": " + e, e);
        }
    }

    private static void runUnnamed(int port, Case probe) throws IOException {
        try (RawWebSocket socket = RawWebSocket.connect(port)) {
            assertThat(socket.upgraded()).as("handshake answer: %s", socket.handshakeResponse()).isTrue();
            socket.timeout(TIMEOUT_MS);
            socket.readTextContaining("\"connected\"");
            probe.send().to(socket);
            Expect expect = probe.expect();
            if (expect instanceof Close close) {
                assertThat(closeCode(socket)).as("close code").isEqualTo(close.code());
                assertSocketEnds(socket);
                return;
            }
            if (expect instanceof ControlPong pong) {
                assertThat(nextPong(socket)).isEqualTo(pong.payload());
            } else {
                assertReply(nextReply(socket), expect);
            }
            assertStillServes(socket);
            closeCleanly(socket);
        }
    }

    private static void assertReply(JsonNode reply, Expect expect) {
        if (expect instanceof ErrorFrame error) {
            assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("error");
            assertThat(reply.path("message").asText()).isEqualTo(error.message());
        } else if (expect instanceof Refused refused) {
            assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo(refused.type());
            assertThat(reply.path("success").isBoolean() && !reply.path("success").asBoolean())
                    .as("success:false in %s", reply).isTrue();
            assertThat(reply.path("error").asText()).isEqualTo(refused.error());
            assertThat(reply.has("topic")).as("topic echoed in %s", reply).isTrue();
            assertThat(reply.get("topic").isNull() ? null : reply.get("topic").asText()).isEqualTo(refused.topic());
        } else if (expect instanceof Subscribed subscribed) {
            assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("subscription");
            assertThat(reply.path("topic").asText()).isEqualTo(subscribed.topic());
            assertThat(reply.path("success").asBoolean()).as("success in %s", reply).isTrue();
            if (subscribed.recovered() == null) {
                assertThat(reply.has("recovered")).as("no recovered in %s", reply).isFalse();
            } else {
                assertThat(reply.path("recovered").isBoolean()).as("recovered in %s", reply).isTrue();
                assertThat(reply.path("recovered").asBoolean()).isEqualTo(subscribed.recovered());
            }
        } else {
            assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("pong");
        }
    }

    /** The connection answers a protocol ping with a pong. */
    static void assertStillServes(RawWebSocket socket) throws IOException {
        socket.sendText("{\"action\":\"ping\"}");
        JsonNode reply = nextReply(socket);
        assertThat(reply.path("type").asText()).as("after the case, ping answered with %s", reply).isEqualTo("pong");
    }

    /** Closes with 1000, expects the echo and the end of the socket. */
    static void closeCleanly(RawWebSocket socket) throws IOException {
        socket.sendFrame(true, OP_CLOSE, new byte[] {0x03, (byte) 0xE8});
        assertThat(closeCode(socket)).as("echo of a normal close").isEqualTo(1000);
        assertSocketEnds(socket);
    }

    /** The next reply frame, skipping events and server pings; fails on a close. */
    static JsonNode nextReply(RawWebSocket socket) throws IOException {
        while (true) {
            ServerFrame frame = socket.readFrame();
            if (frame.opcode() == OP_CLOSE) {
                fail("closed with %d (%s) while a reply was expected", frame.closeCode(), reason(frame));
            }
            if (frame.opcode() == OP_TEXT) {
                JsonNode message = Json.mapper().readTree(strictText(frame));
                if (REPLY_TYPES.contains(message.path("type").asText())) {
                    return message;
                }
            }
        }
    }

    /** The payload of the next pong control frame; fails on a close or a reply frame. */
    static byte[] nextPong(RawWebSocket socket) throws IOException {
        while (true) {
            ServerFrame frame = socket.readFrame();
            if (frame.opcode() == OP_PONG) {
                return frame.payload();
            }
            if (frame.opcode() == OP_CLOSE) {
                fail("closed with %d (%s) while a pong was expected", frame.closeCode(), reason(frame));
            }
            if (frame.opcode() == OP_TEXT && REPLY_TYPES.contains(Json.mapper().readTree(strictText(frame)).path("type")
                    .asText())) {
                fail("got %s while a pong was expected", frame.text());
            }
        }
    }

    /** The code of the next close frame, failing on any reply before it or a socket that ends without one. */
    static int closeCode(RawWebSocket socket) throws IOException {
        while (true) {
            ServerFrame frame;
            try {
                frame = socket.readFrame();
            } catch (EOFException | SocketException ended) {
                return fail("the socket ended without a close frame");
            } catch (SocketTimeoutException hang) {
                return fail("no close frame within %d ms: the connection was left open", TIMEOUT_MS);
            }
            if (frame.opcode() == OP_CLOSE) {
                return frame.closeCode();
            }
            if (frame.opcode() == OP_TEXT && REPLY_TYPES.contains(Json.mapper().readTree(strictText(frame)).path("type")
                    .asText())) {
                fail("got %s while a close was expected", frame.text());
            }
        }
    }

    /** After its close frame the hub must end the socket, not leave it open. */
    static void assertSocketEnds(RawWebSocket socket) throws IOException {
        try {
            ServerFrame extra = socket.readFrame();
            fail("a frame after the close: opcode %d %s", extra.opcode(), extra.text());
        } catch (EOFException | SocketException ended) {
            // the hub closed the socket
        } catch (SocketTimeoutException hang) {
            fail("the socket stayed open for %d ms after the close frame", TIMEOUT_MS);
        }
    }

    /** The frame's text, failing if the hub sent invalid UTF-8 (a browser would fail the connection with 1007). */
    static String strictText(ServerFrame frame) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(frame.payload())).toString();
        } catch (CharacterCodingException e) {
            return fail("the hub sent a text frame that is not UTF-8: %s", HexFormat.of().formatHex(frame.payload()));
        }
    }

    private static String reason(ServerFrame close) {
        return close.payload().length > 2
                ? new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8) : "";
    }
}
