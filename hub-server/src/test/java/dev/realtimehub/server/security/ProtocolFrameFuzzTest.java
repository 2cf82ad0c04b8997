package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.testing.FuzzTries;
import dev.realtimehub.server.testing.RawWebSocket.ServerFrame;
import dev.realtimehub.server.testing.RawWebSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the JSON protocol handler ({@code ProtocolHandler} behind the WebSocket) with arbitrary text frames: the
 * fuzzer's bytes, decoded as UTF-8 (at most 60 KiB, under the frame limit), sent as one text frame, then a ping.
 *
 * <p>Properties: the frame gets exactly one reply before the ping's pong — a pong, an {@code error} frame with a
 * message, or a {@code subscription}/{@code unsubscription} (a refusal with its reason) — every frame the hub sends is
 * JSON with a type, the connection stays open, and the hub logs nothing at WARN or above, leaks no buffer and keeps
 * serving a well-behaved client. Corpus: {@code ProtocolFrameFuzzTestInputs/textFrame/}.
 */
class ProtocolFrameFuzzTest {

    private static final Set<String> REPLIES = Set.of("error", "subscription", "unsubscription", "pong");
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
    void textFrame(byte[] input) throws IOException {
        String text = new String(input.length > 60 * 1024 ? Arrays.copyOf(input, 60 * 1024) : input,
                StandardCharsets.UTF_8);
        try (RawWebSocket socket = RawWebSocket.connect(hub.port())) {
            assertThat(socket.upgraded()).as("handshake: %s", socket.handshakeResponse()).isTrue();
            socket.timeout(5_000);
            socket.readTextContaining("\"connected\"");
            socket.sendText(text);
            socket.sendText("{\"action\":\"ping\"}");
            JsonNode first = nextReply(socket, text);
            JsonNode second = nextReply(socket, text);
            assertThat(second.path("type").asText()).as("the ping's pong after the reply %s to %s", first,
                    FuzzTries.preview(input)).isEqualTo("pong");
        }
        hub.assertHealthy(FuzzTries.preview(input));
    }

    @Test
    void textFrameShortRun() {
        FuzzTries.run(getClass(), "textFrame", this::textFrame);
    }

    private static JsonNode nextReply(RawWebSocket socket, String input) throws IOException {
        while (true) {
            ServerFrame frame = socket.readFrame();
            if (frame.opcode() == 8) {
                fail("closed with %d after the text frame %s", frame.closeCode(), input);
            }
            if (frame.opcode() == 1) {
                JsonNode message = HubAnswers.assertProtocolFrame(WsProbe.strictText(frame));
                if (REPLIES.contains(message.path("type").asText())) {
                    return message;
                }
            }
        }
    }
}
